import type { ProviderHealthChecker } from '../resilience/provider-health-checker.ts';
import type { GatewayServices } from '../server/gateway-services.ts';
import type { GatewaySnapshot } from './gateway-snapshot.ts';

/**
 * After a swap: state that outlives a config version (GatewayServices) is kept for the providers, keys and
 * models the new snapshot still has, and dropped for removed ones, so one re-added later starts fresh.
 * Rate-limit buckets (request-limits.ts names them `ip:…`, `global`, `key:<name>`, `tokens:<name>`,
 * `model:<name>`): per-IP and global buckets are not tied to a config entry and stay. Cooldowns, provider
 * health and health-check results: by provider name. Backend load needs nothing: it counts attempts in
 * flight, and a removed provider's count drops to zero as they end. The round-robin positions are carried
 * by the routing table itself (buildGatewaySnapshot's `previous`).
 */
export function retainReloadedState(services: GatewayServices, healthChecker: ProviderHealthChecker, snapshot: GatewaySnapshot): void {
  const { config } = snapshot;
  const keyNames = new Set(config.master_keys.map((key) => key.name));
  const limitedModels = config.rate_limit.per_model_rps;
  services.rateLimits.retainOnly?.((bucketKey) => {
    const separator = bucketKey.indexOf(':');
    const kind = separator === -1 ? bucketKey : bucketKey.slice(0, separator);
    const name = bucketKey.slice(separator + 1);
    switch (kind) {
      case 'key':
      case 'tokens':
        return keyNames.has(name);
      case 'model':
        return Object.hasOwn(limitedModels, name);
      default:
        return true;
    }
  });
  const providerNames = new Set(config.providers.map((provider) => provider.name));
  services.cooldowns.retainOnly?.(providerNames);
  services.providerHealth.retainOnly(providerNames);
  healthChecker.retainOnly(providerNames);
}
