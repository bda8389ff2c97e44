import { createHash } from 'node:crypto';
import type { KeyStore } from '../auth/build-key-store.ts';
import { buildKeyStore } from '../auth/build-key-store.ts';
import type { GatewayConfig } from '../config/gateway-config-schema.ts';
import { loadSystemPrompts } from '../config/load-system-prompts.ts';
import type { FailureDetection } from '../resilience/classify-upstream-error.ts';
import { compileStatusRules } from '../resilience/status-rules.ts';
import { buildRoutingTable, type RoutingTable } from '../routing/build-routing-table.ts';
import { createProviderRuntime, type ProviderRuntime } from '../upstream/provider-runtime.ts';

/**
 * Everything a request needs, computed once per config version and never changed: a request keeps the
 * snapshot it started with, and a reload swaps in a new one (DESIGN.md "One immutable snapshot").
 */
export interface GatewaySnapshot {
  readonly config: GatewayConfig;
  /** First 12 hex digits of the SHA-256 of the config: names the version in logs and /health/detailed. */
  readonly version: string;
  readonly routingTable: RoutingTable;
  readonly keyStore: KeyStore;
  readonly providers: ReadonlyMap<string, ProviderRuntime>;
  /** Configured client-facing model names: the only model values used as metric labels. */
  readonly knownModels: ReadonlySet<string>;
  /** Client-facing model name -> text prepended to its system prompt (`proxy.enable_system_prompt`). */
  readonly systemPrompts: ReadonlyMap<string, string>;
  /** `detection`, compiled: what counts as a provider failing. */
  readonly detection: FailureDetection;
}

/** `previous`: the snapshot a reload replaces, whose round-robin positions carry on (build-routing-table.ts). */
export function buildGatewaySnapshot(config: GatewayConfig, now: () => number, previous?: GatewaySnapshot): GatewaySnapshot {
  const systemPrompts = loadSystemPrompts(config.proxy);
  const routingTable = buildRoutingTable(config, previous?.routingTable);
  const providers = new Map<string, ProviderRuntime>();
  for (const provider of config.providers) {
    if (provider.enabled) providers.set(provider.name, createProviderRuntime(provider, { verifySsl: config.verify_ssl, timeouts: config.timeouts }, now));
  }
  return {
    config,
    version: hashGatewayConfig(config),
    routingTable,
    keyStore: buildKeyStore(config.master_keys),
    providers,
    knownModels: new Set(routingTable.listModels()),
    systemPrompts,
    detection: { statusRules: compileStatusRules(config.detection.error_codes), errorPatterns: config.detection.error_patterns },
  };
}

/** A digest, not the config: it carries keys, and the hash of a long key gives nothing away. */
export function hashGatewayConfig(config: GatewayConfig): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 12);
}

/** Closes the snapshot's upstream connection pools (after its last request, on shutdown or reload). */
export async function closeGatewaySnapshot(snapshot: GatewaySnapshot): Promise<void> {
  await Promise.all([...snapshot.providers.values()].map((provider) => provider.dispatcher.close()));
}
