import type { RouteTarget } from '../routing/route-target.ts';
import type { CooldownTracker } from './cooldown-tracker.ts';

/**
 * The attempts of one request, in order: the route plan's targets (the picked one, its tier by weight,
 * later tiers), then each fallback alias's (L2), without providers in cooldown, at most `maxAttempts`.
 * When every candidate is cooling down, the least recently failed one is tried rather than none.
 * `accepts` filters targets an endpoint cannot use (an OpenAI-only endpoint and an Anthropic provider).
 * `isBusy` (concurrency.per_backend_limit) leaves out providers at their limit, unless no other is left.
 */
export function orderAttempts(
  targets: readonly RouteTarget[],
  cooldowns: CooldownTracker,
  maxAttempts: number,
  accepts: (target: RouteTarget) => boolean = () => true,
  isBusy: (provider: string) => boolean = () => false,
): RouteTarget[] {
  const usable = targets.filter(accepts);
  const ready = usable.filter((target) => !cooldowns.isCoolingDown(target.provider.name));
  const free = ready.filter((target) => !isBusy(target.provider.name));
  if (free.length > 0) return free.slice(0, Math.max(1, maxAttempts));
  if (ready.length > 0) return ready.slice(0, Math.max(1, maxAttempts));
  let oldest: RouteTarget | undefined;
  for (const target of usable) {
    const failedAt = cooldowns.lastFailedAtMs(target.provider.name) ?? 0;
    if (oldest === undefined || failedAt < (cooldowns.lastFailedAtMs(oldest.provider.name) ?? 0)) oldest = target;
  }
  return oldest === undefined ? [] : [oldest];
}
