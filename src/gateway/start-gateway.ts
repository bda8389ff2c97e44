import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/gateway-config-schema.ts';
import { MemoryTokenBucket } from '../limits/memory-token-bucket.ts';
import { createGatewayMetrics, type GatewayMetrics } from '../observability/create-gateway-metrics.ts';
import { registerProviderHealthGauge } from '../observability/register-provider-health-gauge.ts';
import { RequestObservers } from '../observability/request-observers.ts';
import { createGatewayServer } from '../server/create-gateway-server.ts';
import type { GatewayServices } from '../server/gateway-services.ts';
import { BackendLoad } from '../limits/backend-load.ts';
import { ConcurrencyGate } from '../limits/concurrency-gate.ts';
import { MemoryCooldownTracker } from '../resilience/cooldown-tracker.ts';
import { ProviderHealthChecker } from '../resilience/provider-health-checker.ts';
import { ProviderHealthTracker } from '../upstream/provider-health-tracker.ts';
import { buildGatewaySnapshot, closeGatewaySnapshot } from './gateway-snapshot.ts';

export interface StartGatewayOptions {
  readonly config: GatewayConfig;
  readonly logger: Logger;
  readonly version: string;
  /** Injected so tests can step time (rate limits); defaults to Date.now. */
  readonly now?: () => number;
  /** Node process metrics on /metrics; off in tests that start many gateways. */
  readonly collectProcessMetrics?: boolean;
}

export interface RunningGateway {
  /** `http://host:port` as actually bound (port 0 in the config picks a free one). */
  readonly url: string;
  readonly port: number;
  readonly metrics: GatewayMetrics;
  /** One round of provider health checks now (also what `health_checks.enabled` runs every interval). */
  runHealthChecks(): Promise<void>;
  /** Stop accepting, finish in-flight requests within the config's shutdown_timeout, close upstream pools. */
  shutdown(timeoutMs?: number): Promise<void>;
}

/** Builds the services from a validated config and starts listening on server.host:server.port. */
export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const now = options.now ?? Date.now;
  const snapshot = buildGatewaySnapshot(options.config, now);
  const metrics = createGatewayMetrics({ collectProcessMetrics: options.collectProcessMetrics ?? true });
  const currentSnapshot = (): typeof snapshot => snapshot;
  const providerHealth = new ProviderHealthTracker(now);
  const cooldowns = new MemoryCooldownTracker(now);
  const healthChecker = new ProviderHealthChecker({ currentSnapshot, providerHealth, cooldowns, logger: options.logger, now });
  const services: GatewayServices = {
    currentSnapshot,
    logger: options.logger,
    metrics,
    observers: new RequestObservers(),
    keyRateLimiter: new MemoryTokenBucket(now),
    providerHealth,
    cooldowns,
    healthChecker,
    concurrencyGate: buildConcurrencyGate(options.config),
    backendLoad: new BackendLoad(options.config.concurrency.enabled ? options.config.concurrency.per_backend_limit : undefined),
    now,
  };
  registerProviderHealthGauge(metrics.registry, services.currentSnapshot, services.cooldowns);
  const gatewayServer = createGatewayServer(services, { version: options.version });
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
    runHealthChecks: () => healthChecker.runOnce(),
    async shutdown(timeoutMs = options.config.server.shutdown_timeout) {
      healthChecker.stop();
      await gatewayServer.shutdown(timeoutMs);
      await closeGatewaySnapshot(snapshot);
    },
  };
}

function buildConcurrencyGate(config: GatewayConfig): ConcurrencyGate | undefined {
  const { enabled, max_requests: maxRequests, max_queue_size: maxQueueSize, queue_timeout: queueTimeout } = config.concurrency;
  return enabled ? new ConcurrencyGate(maxRequests, maxQueueSize, queueTimeout) : undefined;
}
