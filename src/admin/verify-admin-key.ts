import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * A check of `Authorization: Bearer <key>` against ADMIN_KEY in constant time: both sides are hashed
 * first, so `timingSafeEqual` compares equal lengths and the time says nothing about the key's length or
 * its first characters. Model: Hono `src/utils/buffer.ts` (`timingSafeEqual` over hashes).
 */
export function createAdminKeyCheck(adminKey: string): (authorization: string | undefined) => boolean {
  const expected = createHash('sha256').update(adminKey).digest();
  return (authorization) => {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
    const given = createHash('sha256')
      .update(match?.[1] ?? '')
      .digest();
    return timingSafeEqual(given, expected) && match !== null;
  };
}
