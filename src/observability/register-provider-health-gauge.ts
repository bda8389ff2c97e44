import { Gauge, type Registry } from 'prom-client';
import type { GatewaySnapshot } from '../gateway/gateway-snapshot.ts';
import type { CooldownTracker } from '../resilience/cooldown-tracker.ts';

/**
 * `llm_proxy_provider_health{provider}`: 1 when routing may use the provider, 0 while it cools down after a
 * failure (or is disabled). Read at scrape time from the current config and the cooldowns, so it costs
 * nothing per request. Active probes (issue 4's health checks) are not there yet.
 */
export function registerProviderHealthGauge(registry: Registry, currentSnapshot: () => GatewaySnapshot, cooldowns: CooldownTracker): void {
  new Gauge({
    name: 'llm_proxy_provider_health',
    help: '1 when the provider can be routed to, 0 while it cools down after a failure or is disabled.',
    labelNames: ['provider'],
    registers: [registry],
    collect() {
      this.reset();
      for (const provider of currentSnapshot().config.providers) {
        this.set({ provider: provider.name }, provider.enabled && !cooldowns.isCoolingDown(provider.name) ? 1 : 0);
      }
    },
  });
}
