/**
 * What a tokens-per-minute limit charges a request before its answer: about four bytes of JSON per
 * token. Deliberately cheap (no tokenizer on the request path); the real usage settles the charge after
 * the answer (settle-token-charge.ts), so the estimate only decides how far ahead a key may run.
 */
export function estimateRequestTokens(rawBody: Buffer): number {
  return Math.max(1, Math.ceil(rawBody.length / 4));
}
