/** `allowed_models` globs: `*` matches any run of characters, everything else is literal. */
export function compileModelGlob(glob: string): RegExp {
  const source = glob.split('*').map(escapeRegExp).join('.*');
  return new RegExp(`^${source}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
