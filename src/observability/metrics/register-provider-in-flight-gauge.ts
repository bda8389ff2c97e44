import { Gauge, type Registry } from 'prom-client';
import type { GatewaySnapshot } from '../../gateway/gateway-snapshot.ts';
import type { BackendLoad } from '../../limits/backend-load.ts';

/**
 * `llm_proxy_provider_in_flight{provider}`: upstream attempts in flight per configured provider (the
 * counts `concurrency.per_backend_limit` reads), read at scrape time: nothing per request.
 */
export function registerProviderInFlightGauge(registry: Registry, currentSnapshot: () => GatewaySnapshot, backendLoad: BackendLoad): void {
  new Gauge({
    name: 'llm_proxy_provider_in_flight',
    help: 'Upstream attempts in flight per provider (a stream counts until its last byte).',
    labelNames: ['provider'],
    registers: [registry],
    collect() {
      this.reset();
      for (const provider of currentSnapshot().config.providers) this.set({ provider: provider.name }, backendLoad.inFlight(provider.name));
    },
  });
}
