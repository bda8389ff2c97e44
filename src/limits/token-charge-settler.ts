import { totalTokens } from '../canonical/total-tokens.ts';
import type { RequestObserver } from '../observability/request-observer.ts';
import type { RequestContext } from '../server/request-context.ts';
import type { RateLimitStore } from './rate-limit-store.ts';

/**
 * Settles a key's tokens-per-minute charge when its request is over: the bucket was charged an estimate
 * up front (request-limits.ts modelTakes); now it is charged the difference to the real usage (the
 * provider's, or the tokenizer's count when it gave none), or given the estimate back when no answer
 * came (an error before or at the upstream).
 */
export class TokenChargeSettler implements RequestObserver {
  readonly #rateLimits: RateLimitStore;

  constructor(rateLimits: RateLimitStore) {
    this.#rateLimits = rateLimits;
  }

  onRequestFinished(context: RequestContext): void {
    const charge = context.tokenCharge;
    if (charge === undefined) return;
    context.tokenCharge = undefined;
    const difference = (context.usage === undefined ? 0 : totalTokens(context.usage)) - charge.tokens;
    if (difference !== 0) this.#rateLimits.charge(charge.bucketKey, charge.limit, difference);
  }
}
