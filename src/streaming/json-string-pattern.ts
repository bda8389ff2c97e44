/**
 * Regular-expression source of a JSON string literal with only JSON's own escapes (`\"` `\\` `\/` `\b`
 * `\f` `\n` `\r` `\t`, `\u` and four hex digits) and no raw control character: a match is valid JSON as
 * it stands, so a stream translation may copy it into the client's event without decoding it (the delta
 * shortcut, src/translation/stream-codec.ts).
 */
export const jsonStringPattern = String.raw`"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4}))*"`;

/** A JSON string with no escape and no control character: its text is what lies between its quotes. */
export const plainJsonStringPattern = String.raw`"[^"\\\u0000-\u001f]*"`;
