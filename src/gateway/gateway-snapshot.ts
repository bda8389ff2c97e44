import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { KeyStore } from '../auth/build-key-store.ts';
import { buildKeyStore } from '../auth/build-key-store.ts';
import type { GatewayConfig, ProviderConfig } from '../config/gateway-config-schema.ts';
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
    if (!provider.enabled) continue;
    const unchanged = previous === undefined ? undefined : findUnchangedRuntime(previous, config, provider);
    providers.set(provider.name, unchanged ?? createProviderRuntime(provider, { verifySsl: config.verify_ssl, timeouts: config.timeouts }, now));
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

/**
 * A reload keeps the runtime (and so the warm connections) of a provider whose settings it did not change:
 * every connection would otherwise be opened again, TLS included, on each reload (in DB mode, each admin
 * change). The runtime is computed from the provider's entry, `verify_ssl` and `timeouts` only.
 */
function findUnchangedRuntime(previous: GatewaySnapshot, config: GatewayConfig, provider: ProviderConfig): ProviderRuntime | undefined {
  const runtime = previous.providers.get(provider.name);
  if (runtime === undefined || previous.config.verify_ssl !== config.verify_ssl) return undefined;
  if (!isDeepStrictEqual(runtime.config, provider) || !isDeepStrictEqual(previous.config.timeouts, config.timeouts)) return undefined;
  return runtime;
}

/** A digest, not the config: it carries keys, and the hash of a long key gives nothing away. */
export function hashGatewayConfig(config: GatewayConfig): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 12);
}

/**
 * Closes the snapshot's upstream connection pools (after its last request, on shutdown or reload), except
 * those a `stillOpen` snapshot uses too.
 */
export async function closeGatewaySnapshot(snapshot: GatewaySnapshot, stillOpen: readonly GatewaySnapshot[] = []): Promise<void> {
  const shared = new Set(stillOpen.flatMap((open) => [...open.providers.values()].map((provider) => provider.dispatcher)));
  const closing = [...snapshot.providers.values()].filter((provider) => !shared.has(provider.dispatcher));
  await Promise.all(closing.map((provider) => provider.dispatcher.close()));
}
