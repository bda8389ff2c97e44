/** Deterministic weighted rotation over a fixed list of members. */
export interface SmoothWeightedRotation {
  /** Advances the rotation and returns the index of the chosen member. */
  pickNext(): number;
}

/**
 * Smooth weighted round-robin, the algorithm of nginx's upstream module
 * (@see https://github.com/nginx/nginx/blob/master/src/http/ngx_http_upstream_round_robin.c,
 * `ngx_http_upstream_get_peer`): on each pick every member's current value grows by its weight, the largest
 * current value wins (the first member on ties), and the winner gives back the sum of all weights. Over any
 * window of sum(weights) picks with integer weights, each member wins exactly its weight, and wins are spread
 * out (weights 1,3 give b,a,b,b rather than b,b,b,a), so a heavy member never takes a long run of requests.
 * Deterministic, so no random source is needed and splits are exact in tests.
 */
export function createSmoothWeightedRotation(weights: readonly number[]): SmoothWeightedRotation {
  if (weights.length === 0) {
    throw new RangeError('a weighted rotation needs at least one member');
  }
  for (const weight of weights) {
    if (!Number.isFinite(weight) || weight <= 0) {
      throw new RangeError(`weights must be positive finite numbers, got ${weight}`);
    }
  }
  const memberWeights = Float64Array.from(weights);
  const current = new Float64Array(weights.length);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return {
    pickNext() {
      let best = 0;
      let bestValue = Number.NEGATIVE_INFINITY;
      for (let index = 0; index < memberWeights.length; index++) {
        const value = (current[index] ?? 0) + (memberWeights[index] ?? 0);
        current[index] = value;
        if (value > bestValue) {
          best = index;
          bestValue = value;
        }
      }
      current[best] = bestValue - total;
      return best;
    },
  };
}
