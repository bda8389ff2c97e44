import type { FallbackConfig } from '../config/gateway-config-schema.ts';
import type { RoutingTable } from '../routing/build-routing-table.ts';
import type { RoutePlan, RouteTarget } from '../routing/route-target.ts';
import type { CooldownTracker } from './cooldown-tracker.ts';
import { orderAttempts } from './order-attempts.ts';

/**
 * Every attempt one request may make: the plan's targets (L1), then each `fallback.alias_fallback` alias's
 * targets in order (L2), ordered and cut by order-attempts.ts to `1 + max_retries`. Fallback aliases are
 * the operator's choice: the client key's `allowed_models` applies to the model it asked for only.
 */
export function planAttempts(
  plan: RoutePlan,
  routingTable: RoutingTable,
  fallback: FallbackConfig,
  cooldowns: CooldownTracker,
  accepts?: (target: RouteTarget) => boolean,
  isBusy?: (provider: string) => boolean,
): RouteTarget[] {
  const targets: RouteTarget[] = [...plan.attempts];
  for (const alias of fallback.alias_fallback[plan.model] ?? []) {
    const fallbackPlan = routingTable.planRoute(alias);
    if (fallbackPlan !== undefined) targets.push(...fallbackPlan.attempts);
  }
  return orderAttempts(targets, cooldowns, 1 + fallback.max_retries, accepts, isBusy);
}
