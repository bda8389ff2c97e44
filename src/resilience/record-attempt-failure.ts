import type { GatewaySnapshot } from '../gateway/gateway-snapshot.ts';
import type { GatewayServices } from '../server/gateway-services.ts';
import type { AttemptFailure } from './attempt-failure.ts';

/**
 * What a failed attempt leaves behind, whatever happens next: the provider's health record, its cooldown
 * (`fallback.cooldown_seconds`, or its longer Retry-After), the failure metrics and a warning log line.
 * Returns the cooldown given, in ms.
 */
export function recordAttemptFailure(
  services: GatewayServices,
  snapshot: GatewaySnapshot,
  providerName: string,
  failure: AttemptFailure,
  log: { readonly requestId: string; readonly attempt: number },
): number {
  services.providerHealth.recordFailure(providerName, failure.message, failure.status);
  const cooldownMs = Math.max(snapshot.config.fallback.cooldown_seconds * 1000, failure.retryAfterMs ?? 0);
  services.metrics.attemptFailuresTotal.inc({ provider: providerName, reason: failure.kind });
  if (cooldownMs > 0) {
    services.cooldowns.coolDown(providerName, services.now() + cooldownMs);
    services.metrics.cooldownsTotal.inc({ provider: providerName });
  }
  services.logger.warn({ requestId: log.requestId, provider: providerName, attempt: log.attempt, reason: failure.message, cooldownMs }, 'attempt failed');
  return cooldownMs;
}
