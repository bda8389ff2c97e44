import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { AdminApi } from '../admin/create-admin-api.ts';
import type { ConfigError } from '../config/config-error.ts';
import type { GatewayConfig } from '../config/gateway-config-schema.ts';
import { BackendLoad } from '../limits/backend-load.ts';
import { ConcurrencyGate } from '../limits/concurrency-gate.ts';
import { TokenChargeSettler } from '../limits/token-charge-settler.ts';
import { createConfigReloadCounter } from '../observability/create-config-reload-counter.ts';
import { createGatewayMetrics, type GatewayMetrics } from '../observability/create-gateway-metrics.ts';
import { MetricsObserver } from '../observability/metrics/metrics-observer.ts';
import { registerProviderInFlightGauge } from '../observability/metrics/register-provider-in-flight-gauge.ts';
import { PendingFinishes } from '../observability/pending-finishes.ts';
import { registerProviderHealthGauge } from '../observability/register-provider-health-gauge.ts';
import { RequestObservers } from '../observability/request-observers.ts';
import { startObservabilitySinks } from '../observability/start-observability-sinks.ts';
import { createSharedState } from '../redis/create-shared-state.ts';
import { ProviderHealthChecker } from '../resilience/provider-health-checker.ts';
import { createGatewayServer } from '../server/create-gateway-server.ts';
import type { GatewayServices } from '../server/gateway-services.ts';
import { ProviderHealthTracker } from '../upstream/provider-health-tracker.ts';
import { buildGatewaySnapshot, closeGatewaySnapshot, type GatewaySnapshot } from './gateway-snapshot.ts';
import { GatewaySnapshotSlot } from './gateway-snapshot-slot.ts';
import { type ReloadDependencies, reloadGatewaySnapshot, reportConfigRefused } from './reload-gateway-snapshot.ts';

export interface StartGatewayOptions {
  readonly config: GatewayConfig;
  readonly logger: Logger;
  readonly version: string;
  /** Injected so tests can step time (rate limits); defaults to Date.now. */
  readonly now?: () => number;
  /** Node process metrics on /metrics; off in tests that start many gateways. */
  readonly collectProcessMetrics?: boolean;
  /** Where tracing's OTEL_* and LANGFUSE_* variables are read (main.ts: process.env); absent = no tracing. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /** DB mode's Admin API (src/admin/open-db-mode.ts), served under /admin/. */
  readonly adminApi?: AdminApi | undefined;
}

export interface RunningGateway {
  /** `http://host:port` as actually bound (port 0 in the config picks a free one). */
  readonly url: string;
  readonly port: number;
  readonly metrics: GatewayMetrics;
  /** The request lifecycle observers (observability/request-observer.ts): tests and embedders may add their own. */
  readonly observers: RequestObservers;
  /** One round of provider health checks now (also what `health_checks.enabled` runs every interval). */
  runHealthChecks(): Promise<void>;
  /**
   * Builds and validates the snapshot of `config` completely (system prompt files read, routes compiled),
   * then swaps it in with one assignment: new requests use it, requests in flight finish on the one they
   * started with, whose upstream pools close after its last request. Throws ConfigError when `config` cannot
   * be used, leaving the running snapshot in place. Settings that need a restart (docs/configuration.md
   * "Reloading") keep their running values and are logged. State of providers and keys that still exist
   * survives (rate-limit buckets, cooldowns, health); that of removed ones is dropped. `config` is the
   * output of gatewayConfigSchema (loadConfig, parseConfigText, or store rows parsed by the same schemas):
   * its cross-references are not checked again here, and the schema cannot re-parse its own output
   * (durations are seconds in, milliseconds out).
   */
  reload(config: GatewayConfig): Promise<void>;
  /** A new config that could not even be read or validated (a YAML edit): counted and logged like a refused reload. */
  reportConfigRefused(error: ConfigError): void;
  /** Hash of the running config (`config reloaded` log line, /health/detailed `config_version`). */
  configVersion(): string;
  /** Stop accepting, finish in-flight requests within the config's shutdown_timeout, close upstream pools. */
  shutdown(timeoutMs?: number): Promise<void>;
}

/** Builds the services from a validated config and starts listening on server.host:server.port. */
export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const now = options.now ?? Date.now;
  const metrics = createGatewayMetrics({ collectProcessMetrics: options.collectProcessMetrics ?? true, enabled: options.config.metrics.enabled });
  const snapshots = new GatewaySnapshotSlot(buildGatewaySnapshot(options.config, now), (drained, stillOpen) =>
    closeGatewaySnapshot(drained, stillOpen).catch((error: unknown) => options.logger.warn({ err: error }, 'closing a config snapshot failed')),
  );
  const currentSnapshot = (): GatewaySnapshot => snapshots.current;
  const providerHealth = new ProviderHealthTracker(now);
  const sharedState = createSharedState(options.config.redis, options.logger, metrics.registry, now);
  const cooldowns = sharedState.cooldowns;
  const healthChecker = new ProviderHealthChecker({ currentSnapshot, providerHealth, cooldowns, logger: options.logger, now });
  const services: GatewayServices = {
    currentSnapshot,
    snapshotLeases: snapshots,
    logger: options.logger,
    metrics,
    observers: new RequestObservers([...(metrics.enabled ? [new MetricsObserver(metrics)] : []), new TokenChargeSettler(sharedState.rateLimits)]),
    rateLimits: sharedState.rateLimits,
    providerHealth,
    cooldowns,
    healthChecker,
    concurrencyGate: buildConcurrencyGate(options.config),
    backendLoad: new BackendLoad(options.config.concurrency.enabled ? options.config.concurrency.per_backend_limit : undefined),
    now,
    usageWanted: true,
    pendingFinishes: new PendingFinishes(),
  };
  registerProviderHealthGauge(metrics.registry, services.currentSnapshot, services.cooldowns);
  registerProviderInFlightGauge(metrics.registry, services.currentSnapshot, services.backendLoad);
  const reloadDependencies: ReloadDependencies = { snapshots, services, healthChecker, reloads: createConfigReloadCounter(metrics.registry), now };
  await sharedState.ready;
  const observability = await startObservabilitySinks({
    config: options.config,
    environment: options.environment ?? {},
    observers: services.observers,
    registry: metrics.registry,
    logger: options.logger,
    version: options.version,
    now,
    providerType: (name) => snapshots.current.config.providers.find((provider) => provider.name === name)?.type,
  });
  services.usageWanted = metrics.enabled || options.logger.isLevelEnabled('info') || observability.journal !== undefined || observability.tracing !== undefined;
  const gatewayServer = createGatewayServer(services, { version: options.version, admin: options.adminApi });
  const { host, port } = options.config.server;
  await new Promise<void>((resolve, reject) => {
    gatewayServer.server.once('error', reject);
    gatewayServer.server.listen(port, host, () => {
      gatewayServer.server.off('error', reject);
      resolve();
    });
  });
  if (options.config.health_checks.enabled) healthChecker.start(options.config.health_checks.interval);
  const address = gatewayServer.server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost === '0.0.0.0' ? '127.0.0.1' : urlHost}:${address.port}`,
    port: address.port,
    metrics,
    observers: services.observers,
    runHealthChecks: () => healthChecker.runOnce(),
    reload: (config) => reloadGatewaySnapshot(config, reloadDependencies),
    reportConfigRefused: (error) => reportConfigRefused(error, reloadDependencies),
    configVersion: () => snapshots.current.version,
    async shutdown(timeoutMs = snapshots.current.config.server.shutdown_timeout) {
      healthChecker.stop();
      await gatewayServer.shutdown(timeoutMs);
      // Requests already answered whose usage the tokenizer is still counting: their records come first.
      await services.pendingFinishes.settled();
      await snapshots.closeAll();
      await sharedState.close();
      await observability.close();
    },
  };
}

function buildConcurrencyGate(config: GatewayConfig): ConcurrencyGate | undefined {
  const { enabled, max_requests: maxRequests, max_queue_size: maxQueueSize, queue_timeout: queueTimeout } = config.concurrency;
  return enabled ? new ConcurrencyGate(maxRequests, maxQueueSize, queueTimeout) : undefined;
}
