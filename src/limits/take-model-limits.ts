import type { RequestContext } from '../server/request-context.ts';
import type { RateLimitStore } from './rate-limit-store.ts';
import { type LimitTake, readTakeResults } from './request-limits.ts';

/**
 * Takes a request's model-phase buckets (request-limits.ts modelTakes): the key's headers go on the
 * context, a tokens-per-minute charge that was taken is noted for settling (token-charge-settler.ts; a
 * refused one took nothing), then `admitted` runs, or `refused` with the 429. Memory stores call back
 * before this returns.
 */
export function takeModelLimits(
  store: RateLimitStore,
  takes: readonly LimitTake[],
  context: RequestContext,
  admitted: () => void,
  refused: (error: unknown) => void,
): void {
  store.takeInOrder(takes, (results) => {
    const { headers, refusal } = readTakeResults(takes, results, context.rateLimitHeaders);
    context.rateLimitHeaders = headers;
    const tokenIndex = takes.findIndex((take) => take.kind === 'tokens');
    const tokenTake = takes[tokenIndex];
    if (tokenTake !== undefined && results[tokenIndex]?.allowed === true) {
      context.tokenCharge = { bucketKey: tokenTake.bucketKey, limit: tokenTake.limit, tokens: tokenTake.cost };
    }
    if (refusal === undefined) admitted();
    else refused(refusal);
  });
}
