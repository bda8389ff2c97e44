/** `BASELINE_NODE_FLAGS`: node flags for the b… targets only (an A/B of a runtime flag on one build). */
export function baselineNodeFlags(): string[] {
  return (process.env['BASELINE_NODE_FLAGS'] ?? '').split(' ').filter((flag) => flag !== '');
}
