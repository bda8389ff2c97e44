import type { Logger } from 'pino';
import { ConfigError } from '../config/config-error.ts';
import { formatConfigIssues } from '../config/format-config-issues.ts';
import type { GatewayConfig } from '../config/gateway-config-schema.ts';
import type { ConfigStore } from './config-store.ts';
import { mergeStoredConfig } from './merge-stored-config.ts';
import type { StoreConnection, StoreListener } from './open-store-database.ts';
import type { StoredConfig } from './stored-config.ts';

export interface StoredConfigReload {
  /** The store version running on this instance after the attempt. */
  readonly version: number;
  readonly applied: boolean;
  /** Why the stored config was refused (one line per problem), when it was. */
  readonly problems: readonly string[];
}

export interface StoredConfigWatcherOptions {
  readonly store: ConfigStore;
  readonly connection: StoreConnection;
  /** The YAML side, as loaded at start (replaced by `setYamlConfig` on a YAML reload). */
  readonly yamlConfig: GatewayConfig;
  /** The stored config the gateway started with. */
  readonly initial: StoredConfig;
  /** RunningGateway.reload: throws (and keeps the running config) when the config cannot be used. */
  readonly apply: (config: GatewayConfig) => Promise<void>;
  readonly logger: Logger;
  /** The fallback when a NOTIFY is missed (listener down, another network path): default 5 s. */
  readonly pollIntervalMs?: number;
}

/**
 * Keeps this instance on the store's latest config: a NOTIFY on the store's channel (sent in the
 * transaction of every change, so it arrives within milliseconds of the commit) or a poll of
 * config_version finding a newer version re-reads the store, merges it with the YAML, validates it and
 * hands it to the gateway. Reloads run one at a time; requests for one while another runs are coalesced
 * into one more (which reads the latest). A refused or failed reload is logged and the old config kept.
 */
export class StoredConfigWatcher {
  readonly #options: StoredConfigWatcherOptions;
  #yamlConfig: GatewayConfig;
  #stored: StoredConfig;
  #appliedVersion: number;
  #running: Promise<StoredConfigReload> | undefined;
  #queued: Promise<StoredConfigReload> | undefined;
  #listener: StoreListener | undefined;
  #pollTimer: NodeJS.Timeout | undefined;
  #pollFailing = false;
  /** A version refused once is not retried by the poll (a new change, NOTIFY or an explicit reload does). */
  #refusedVersion: number | undefined;
  #stopped = false;
  #forceNext = false;
  /** The YAML side of the config last applied: a YAML reload in between makes the next one apply. */
  #appliedYaml: GatewayConfig;

  constructor(options: StoredConfigWatcherOptions) {
    this.#options = options;
    this.#yamlConfig = options.yamlConfig;
    this.#stored = options.initial;
    this.#appliedVersion = options.initial.version;
    this.#appliedYaml = options.yamlConfig;
  }

  get appliedVersion(): number {
    return this.#appliedVersion;
  }

  get yamlConfig(): GatewayConfig {
    return this.#yamlConfig;
  }

  /**
   * A YAML reload in DB mode: the new YAML with the last stored providers, credentials and aliases.
   * Throws ConfigError when they do not fit together.
   */
  mergeWithYaml(yamlConfig: GatewayConfig): GatewayConfig {
    const result = mergeStoredConfig(yamlConfig, this.#stored);
    if (result.config === undefined) throw new ConfigError('database', formatConfigIssues(result.issues));
    this.#yamlConfig = yamlConfig;
    this.#appliedYaml = yamlConfig;
    return result.config;
  }

  async start(): Promise<void> {
    const { connection, logger } = this.#options;
    try {
      this.#listener = await connection.listen(
        (payload) => {
          const version = Number(payload);
          if (!Number.isInteger(version) || version > this.#appliedVersion) void this.reloadNow();
        },
        (error) => logger.warn({ err: error }, 'config store listener failed; reconnecting (the version poll continues)'),
      );
    } catch (error) {
      logger.warn({ err: error }, 'config store LISTEN failed; changes from other instances arrive by the version poll only');
    }
    this.#schedulePoll();
  }

  /**
   * Re-reads the store and applies it; resolves when this instance runs it (or has refused it). Without
   * `force`, a store still at the version running (the NOTIFY of this instance's own change, which often
   * arrives while that change is being applied) is not applied twice.
   */
  reloadNow(force = false): Promise<StoredConfigReload> {
    if (force) this.#forceNext = true;
    // A reload not yet started will read the store after this call: it serves this caller too.
    if (this.#queued !== undefined) return this.#queued;
    const previous = this.#running ?? Promise.resolve(undefined);
    const next = previous
      .catch(() => undefined)
      .then(() => {
        this.#queued = undefined;
        return this.#reloadOnce();
      });
    this.#queued = next;
    this.#running = next;
    return next;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#pollTimer);
    await this.#listener?.close();
    await this.#running?.catch(() => undefined);
  }

  async #reloadOnce(): Promise<StoredConfigReload> {
    const { store, apply, logger } = this.#options;
    let stored: StoredConfig;
    try {
      stored = await store.readStoredConfig();
    } catch (error) {
      logger.warn({ err: error }, 'config store read failed; the running config is kept');
      return { version: this.#appliedVersion, applied: false, problems: ['the config store could not be read'] };
    }
    const force = this.#forceNext;
    this.#forceNext = false;
    if (!force && stored.version === this.#appliedVersion && this.#yamlConfig === this.#appliedYaml) {
      return { version: stored.version, applied: true, problems: [] };
    }
    const yamlConfig = this.#yamlConfig;
    const merged = mergeStoredConfig(yamlConfig, stored);
    if (merged.config === undefined) {
      const problems = formatConfigIssues(merged.issues);
      logger.error({ version: stored.version, problems }, 'stored config refused; the running config is kept');
      this.#refusedVersion = stored.version;
      return { version: this.#appliedVersion, applied: false, problems };
    }
    try {
      await apply(merged.config);
    } catch (error) {
      // RunningGateway.reload has logged why (a ConfigError); the old config runs on.
      this.#refusedVersion = stored.version;
      return { version: this.#appliedVersion, applied: false, problems: [(error as Error).message] };
    }
    this.#stored = stored;
    this.#appliedYaml = yamlConfig;
    const previous = this.#appliedVersion;
    this.#appliedVersion = stored.version;
    if (stored.version !== previous) logger.info({ version: stored.version, previous }, 'config reloaded from the store');
    return { version: stored.version, applied: true, problems: [] };
  }

  #schedulePoll(): void {
    if (this.#stopped) return;
    this.#pollTimer = setTimeout(() => void this.#poll(), this.#options.pollIntervalMs ?? 5000);
    this.#pollTimer.unref();
  }

  async #poll(): Promise<void> {
    try {
      const version = await this.#options.store.readVersion();
      if (this.#pollFailing) this.#options.logger.info('config store poll works again');
      this.#pollFailing = false;
      if (version !== this.#appliedVersion && version !== this.#refusedVersion) await this.reloadNow();
    } catch (error) {
      // Logged once per outage, not every interval.
      if (!this.#pollFailing) this.#options.logger.warn({ err: error }, 'config store poll failed');
      this.#pollFailing = true;
    }
    this.#schedulePoll();
  }
}
