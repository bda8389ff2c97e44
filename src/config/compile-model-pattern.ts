/**
 * A model_mapping key that is not matched exactly is a pattern: an anchored regular expression in which
 * a `*` not preceded by `.` is a wildcard (`gemini-*` reads as `gemini-.*`), so both documented forms,
 * `claude-opus-4-5-.*` and `gemini-*`, work. Throws SyntaxError on an invalid pattern.
 */
export function compileModelPattern(pattern: string): RegExp {
  const source = pattern.replace(/(?<![.\\])\*/g, '.*');
  return new RegExp(`^(?:${source})$`);
}

/** Whether a key has any pattern characters; a plain name is matched exactly only. */
export function isModelPattern(pattern: string): boolean {
  return /[*+?^$()[\]{}|\\]/.test(pattern) || /\.\*/.test(pattern);
}
