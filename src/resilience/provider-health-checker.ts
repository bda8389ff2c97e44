import type { Logger } from 'pino';
import type { GatewaySnapshot } from '../gateway/gateway-snapshot.ts';
import type { ProviderHealthTracker } from '../upstream/provider-health-tracker.ts';
import type { CooldownTracker } from './cooldown-tracker.ts';
import { type ProbeResult, probeProvider } from './probe-provider.ts';

export interface HealthCheckDependencies {
  readonly currentSnapshot: () => GatewaySnapshot;
  readonly providerHealth: ProviderHealthTracker;
  readonly cooldowns: CooldownTracker;
  readonly logger: Logger;
  readonly now: () => number;
}

/**
 * Active health checks (`health_checks`): every `interval`, each enabled provider is probed
 * (probe-provider.ts). A failed probe puts the provider in cooldown like a failed request (routing skips
 * it before a user request has to fail); a passing probe ends its cooldown. Results show in
 * `/health/detailed` (`last_check`) and in `llm_proxy_provider_health`.
 */
export class ProviderHealthChecker {
  readonly #dependencies: HealthCheckDependencies;
  readonly #results = new Map<string, ProbeResult & { readonly atMs: number }>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(dependencies: HealthCheckDependencies) {
    this.#dependencies = dependencies;
  }

  /** Probes at once, then every `intervalMs`, until stop(). */
  start(intervalMs: number): void {
    this.stop();
    void this.runOnce();
    this.#timer = setInterval(() => void this.runOnce(), intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** One round over every enabled provider; a round still running is joined, not doubled. */
  runOnce(): Promise<void> {
    this.#running ??= this.#round().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  lastResult(provider: string): (ProbeResult & { readonly atMs: number }) | undefined {
    return this.#results.get(provider);
  }

  /** After a reload: forget the results of providers no longer configured. */
  retainOnly(providers: ReadonlySet<string>): void {
    for (const provider of this.#results.keys()) if (!providers.has(provider)) this.#results.delete(provider);
  }

  async #round(): Promise<void> {
    const { currentSnapshot, providerHealth, cooldowns, logger, now } = this.#dependencies;
    const snapshot = currentSnapshot();
    const settings = snapshot.config.health_checks;
    await Promise.all(
      [...snapshot.providers.values()].map(async (provider) => {
        const name = provider.config.name;
        const result = await probeProvider(provider, settings.timeout, now);
        this.#results.set(name, { ...result, atMs: now() });
        if (result.ok) {
          providerHealth.recordSuccess(name);
          cooldowns.clear(name);
          return;
        }
        providerHealth.recordFailure(name, `health check failed: ${result.detail}`, result.status);
        cooldowns.coolDown(name, now() + Math.max(snapshot.config.fallback.cooldown_seconds * 1000, settings.interval));
        logger.warn({ provider: name, detail: result.detail, latencyMs: result.latencyMs }, 'provider health check failed');
      }),
    );
  }
}
