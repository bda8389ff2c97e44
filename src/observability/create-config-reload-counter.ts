import { Counter, type Registry } from 'prom-client';

export type ConfigReloadCounter = Counter<'result'>;

/** `llm_proxy_config_reloads_total{result="success|failure"}`: every reload tried, from a file edit, SIGHUP or the store. */
export function createConfigReloadCounter(registry: Registry): ConfigReloadCounter {
  const counter = new Counter({
    name: 'llm_proxy_config_reloads_total',
    help: 'Configuration reloads tried, by result: success (swapped in) or failure (refused, the running config kept).',
    labelNames: ['result'],
    registers: [registry],
  });
  // Both series exist from the start, so an alert on failure has a 0 to compare against.
  counter.inc({ result: 'success' }, 0);
  counter.inc({ result: 'failure' }, 0);
  return counter;
}
