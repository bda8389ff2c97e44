/** `detection.error_codes` compiled: exact statuses and status classes (`5xx`). */
export interface StatusRules {
  matches(status: number): boolean;
}

export function compileStatusRules(rules: readonly string[]): StatusRules {
  const exact = new Set<number>();
  const classes = new Set<number>();
  for (const rule of rules) {
    if (/^[1-5]xx$/i.test(rule)) classes.add(Number(rule[0]));
    else exact.add(Number(rule));
  }
  return { matches: (status) => exact.has(status) || classes.has(Math.floor(status / 100)) };
}
