import { isDeepStrictEqual } from 'node:util';
import { ConfigError } from '../config/config-error.ts';
import type { GatewayConfig } from '../config/gateway-config-schema.ts';
import type { ConfigReloadCounter } from '../observability/create-config-reload-counter.ts';
import type { ProviderHealthChecker } from '../resilience/provider-health-checker.ts';
import type { GatewayServices } from '../server/gateway-services.ts';
import { buildGatewaySnapshot, type GatewaySnapshot } from './gateway-snapshot.ts';
import type { GatewaySnapshotSlot } from './gateway-snapshot-slot.ts';
import { keepRestartOnlySettings } from './keep-restart-only-settings.ts';
import { retainReloadedState } from './retain-reloaded-state.ts';

export interface ReloadDependencies {
  readonly snapshots: GatewaySnapshotSlot;
  readonly services: GatewayServices;
  readonly healthChecker: ProviderHealthChecker;
  readonly reloads: ConfigReloadCounter;
  readonly now: () => number;
}

/**
 * RunningGateway.reload: everything that can fail happens before the swap (system prompt files read,
 * routes compiled, pools created), so a bad config leaves the running snapshot untouched; the swap is one
 * assignment (GatewaySnapshotSlot.swap), and state of removed providers and keys is dropped after it.
 */
export async function reloadGatewaySnapshot(config: GatewayConfig, dependencies: ReloadDependencies): Promise<void> {
  const { snapshots, services, healthChecker, reloads, now } = dependencies;
  const logger = services.logger;
  const previous = snapshots.current;
  const kept = keepRestartOnlySettings(previous.config, config);
  let next: GatewaySnapshot;
  try {
    next = buildGatewaySnapshot(kept.config, now, previous);
  } catch (error) {
    const refused = error instanceof ConfigError ? error : new ConfigError('config', [(error as Error).message], { cause: error });
    reportConfigRefused(refused, dependencies);
    throw refused;
  }
  snapshots.swap(next);
  retainReloadedState(services, healthChecker, next);
  if (!isDeepStrictEqual(previous.config.health_checks, next.config.health_checks)) {
    healthChecker.stop();
    if (next.config.health_checks.enabled) healthChecker.start(next.config.health_checks.interval);
  }
  reloads.inc({ result: 'success' });
  for (const setting of kept.needRestart) logger.warn({ setting }, 'config setting changed: needs restart, running value kept');
  logger.info(
    { version: next.version, previousVersion: previous.version, providers: [...next.providers.keys()], draining: snapshots.retiredCount },
    'config reloaded',
  );
}

/** A config that was not applied: counted, and each problem logged on its own line with its path. */
export function reportConfigRefused(error: ConfigError, dependencies: Pick<ReloadDependencies, 'services' | 'reloads' | 'snapshots'>): void {
  dependencies.reloads.inc({ result: 'failure' });
  const { logger } = dependencies.services;
  for (const problem of error.problems) logger.error({ origin: error.origin, problem }, 'invalid config');
  logger.error(
    { origin: error.origin, problems: error.problems.length, version: dependencies.snapshots.current.version },
    'config reload refused, running config kept',
  );
}
