/** What ordering needs to know about a target. */
export interface RankedTarget {
  readonly priority: number;
  readonly weight: number;
}

export interface AttemptOrders<Target extends RankedTarget> {
  /** The lowest-priority-number tier in config order: the members the weighted rotation picks from. */
  readonly firstTier: readonly Target[];
  /** attemptsByPick[i] is the full attempt order when firstTier[i] is picked. Same length as firstTier. */
  readonly attemptsByPick: readonly (readonly Target[])[];
}

/**
 * Precomputes every attempt order a set of targets can produce, so serving a request is one rotation step and
 * one array lookup. Targets are grouped into tiers by priority (lowest number first). The picked member of
 * the first tier leads; the rest of that tier follows by descending weight, then each later tier by
 * descending weight. Ties keep config order (Array.prototype.sort is stable). Later tiers are not rotated:
 * they are fallbacks, reached only when the whole first tier has failed.
 */
export function buildAttemptOrders<Target extends RankedTarget>(targets: readonly Target[]): AttemptOrders<Target> {
  const priorities = [...new Set(targets.map((target) => target.priority))].sort((left, right) => left - right);
  const tiers = priorities.map((priority) => targets.filter((target) => target.priority === priority));
  const [firstTier = [], ...laterTiers] = tiers;
  const byDescendingWeight = (tier: readonly Target[]): { readonly target: Target; readonly index: number }[] =>
    tier.map((target, index) => ({ target, index })).sort((left, right) => right.target.weight - left.target.weight);
  const firstTierByWeight = byDescendingWeight(firstTier);
  const fallbacks = laterTiers.flatMap((tier) => byDescendingWeight(tier).map(({ target }) => target));
  // By index, not identity, so a target listed twice (two routes to one provider) keeps both entries.
  const attemptsByPick = firstTier.map((picked, pickedIndex) => [
    picked,
    ...firstTierByWeight.filter(({ index }) => index !== pickedIndex).map(({ target }) => target),
    ...fallbacks,
  ]);
  return { firstTier, attemptsByPick };
}
