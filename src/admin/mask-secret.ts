/**
 * How a provider key shows in Admin API answers: never the key, at most its last four characters when it
 * is long enough that four say little (OpenAI's dashboard shows keys the same way).
 */
export function maskSecret(secret: string | null): string | null {
  if (secret === null || secret === '') return null;
  return secret.length >= 20 ? `****${secret.slice(-4)}` : '****';
}

/** The first characters of a client key kept to recognise it by: at most 8, and at most a quarter of the key. */
export function keyPrefixOf(key: string): string {
  return key.slice(0, Math.min(8, Math.floor(key.length / 4)));
}
