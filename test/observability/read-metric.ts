import type { Registry } from 'prom-client';

/**
 * The sum of a registry metric's series whose labels match `labels` (others ignored), 0 when none.
 * A histogram's `<name>_count` or `<name>_sum` reads that series of `<name>`.
 */
export async function metricValue(registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number> {
  const baseName = registry.getSingleMetric(name) === undefined ? name.replace(/_(count|sum)$/, '') : name;
  const metric = registry.getSingleMetric(baseName);
  if (metric === undefined) throw new Error(`no metric ${name}`);
  const data = await metric.get();
  let total = 0;
  for (const value of data.values) {
    const metricName = (value as { metricName?: string }).metricName;
    if (metricName !== undefined && metricName !== name) continue;
    if (Object.entries(labels).every(([key, expected]) => String(value.labels[key]) === expected)) total += value.value;
  }
  return total;
}

/** The request's metrics and log line are written when the gateway's response closes, just after the client read it. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
