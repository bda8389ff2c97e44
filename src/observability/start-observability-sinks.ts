import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { ConfigError } from '../config/config-error.ts';
import type { GatewayConfig } from '../config/gateway-config-schema.ts';
import type { RequestJournal } from './journal/request-journal.ts';
import { collectKnownSecrets } from './logging/collect-known-secrets.ts';
import { createSecretMasker } from './logging/create-secret-masker.ts';
import type { RequestObservers } from './request-observers.ts';
import { readTracingSettings } from './tracing/read-tracing-settings.ts';
import type { RunningTracing } from './tracing/start-tracing.ts';

export interface ObservabilitySinksOptions {
  readonly config: GatewayConfig;
  /** Where OTEL_* and LANGFUSE_* are read (process.env in main.ts). */
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly observers: RequestObservers;
  readonly registry: Registry;
  readonly logger: Logger;
  readonly version: string;
  readonly now: () => number;
  /** A configured provider's type (`openai`, `anthropic`, `mock`), for tracing. */
  readonly providerType: (provider: string) => string | undefined;
}

/** The request journal and tracing, started as the config and environment ask. */
export interface ObservabilitySinks {
  readonly journal: RequestJournal | undefined;
  readonly tracing: RunningTracing | undefined;
  /** Writes the journal's pending records and exports pending spans; then stops both. */
  close(): Promise<void>;
}

/**
 * Adds the optional request observers: `logging.jsonl` (the request journal) and tracing (OTLP, Langfuse)
 * when the environment asks for it. Neither is created, imported, or called per request when off.
 * Settings read at start; a reload does not change them.
 */
export async function startObservabilitySinks(options: ObservabilitySinksOptions): Promise<ObservabilitySinks> {
  const { config } = options;
  const tracingSettings = readTracingSettings(options.environment);
  let journal: RequestJournal | undefined;
  if (config.logging.jsonl.enabled) {
    const mask = config.logging.mask_sensitive ? createSecretMasker(collectKnownSecrets(config, options.environment)) : undefined;
    // Imported only when enabled, like tracing: a gateway without them loads none of their code.
    const { RequestJournal } = await import('./journal/request-journal.ts');
    try {
      journal = new RequestJournal({ config: config.logging.jsonl, registry: options.registry, mask, now: options.now });
    } catch (error) {
      throw new ConfigError('logging', [`logging.jsonl.path: cannot open "${config.logging.jsonl.path}": ${(error as Error).message}`], { cause: error });
    }
    options.observers.add(journal);
  }
  let tracing: RunningTracing | undefined;
  if (tracingSettings !== undefined) {
    const { startTracing } = await import('./tracing/start-tracing.ts');
    tracing = await startTracing({ settings: tracingSettings, version: options.version, logger: options.logger, providerType: options.providerType });
    options.observers.add(tracing.observer);
  }
  return {
    journal,
    tracing,
    async close() {
      await Promise.all([journal?.close(), tracing === undefined ? undefined : shutDownTracing(tracing, options.logger)]);
    },
  };
}

/** The longest a shutdown waits for the last spans: an unreachable collector would hold it for the exporter's 30 s. */
const tracingShutdownLimitMs = 5000;

async function shutDownTracing(tracing: RunningTracing, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), tracingShutdownLimitMs).unref();
  });
  try {
    const outcome = await Promise.race([tracing.shutdown().then(() => 'done' as const), limit]);
    if (outcome === 'timeout') logger.warn({ waitedMs: tracingShutdownLimitMs }, 'exporting the last spans took too long: left');
  } catch (error) {
    logger.warn({ err: error }, 'exporting the last spans failed');
  } finally {
    clearTimeout(timer);
  }
}
