/** Characters that make a model_mapping key a regular expression rather than a `*` wildcard. */
const regexSyntax = /[\^$()[\]{}|\\+?]|\.\*/;

/**
 * A model_mapping key that is not matched exactly is a pattern, anchored at both ends:
 * - with regex syntax (`claude-opus-4-5-.*`, `claude-3-[0-9]*`) it is a regular expression, as written;
 * - otherwise it is a wildcard (`gemini-*`, `gpt-3.5-*`): `*` matches any run, every other character
 *   (the `.` too) is literal.
 * Throws SyntaxError on an invalid regular expression.
 */
export function compileModelPattern(pattern: string): RegExp {
  if (regexSyntax.test(pattern)) return new RegExp(`^(?:${pattern})$`);
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

/** Whether a key is a pattern at all; a plain name is matched exactly only. */
export function isModelPattern(pattern: string): boolean {
  return pattern.includes('*') || regexSyntax.test(pattern);
}
