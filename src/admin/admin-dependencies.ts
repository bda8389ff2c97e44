import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/gateway-config-schema.ts';
import type { ConfigStore } from '../store/config-store.ts';

export interface ReloadOutcome {
  /** The store's config version now running on this instance. */
  readonly version: number;
  /** False when the stored config could not be applied (the old one keeps running); `problems` says why. */
  readonly applied: boolean;
  readonly problems: readonly string[];
}

/** What the Admin API is given by DB mode's composition (start-db-mode-gateway.ts). */
export interface AdminDependencies {
  readonly store: ConfigStore;
  /** The YAML side of the config (everything but providers, credentials and aliases). */
  readonly yamlConfig: () => GatewayConfig;
  /**
   * Re-reads the store, merges, validates and swaps this instance's config (at once, after each change);
   * `force` applies it even when the store's version is the one running (`POST /config/reload`).
   */
  readonly reloadNow: (force?: boolean) => Promise<ReloadOutcome>;
  /** The store version this instance runs. */
  readonly appliedVersion: () => number;
  /** Hash of the running config (RunningGateway.configVersion). */
  readonly configHash: () => string;
  readonly logger: Logger;
  readonly now: () => number;
}
