import { createHash } from 'node:crypto';

/**
 * SHA-256 of a client key, hex. Keys are looked up by hash, so the lookup time does not depend on how
 * many leading characters of a guess are right, and stores (issue 7) never hold the key itself.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
