import type { z } from 'zod';
import { type GatewayConfig, gatewayConfigSchema, type MasterKeyConfig, type ProviderConfig } from '../config/gateway-config-schema.ts';
import type { StoredConfig, StoredCredential, StoredProvider } from './stored-config.ts';

export type ConfigIssue = z.core.$ZodIssue;

export type MergeResult =
  | { readonly config: GatewayConfig; readonly issues?: undefined }
  | { readonly config?: undefined; readonly issues: readonly ConfigIssue[] };

/**
 * DB mode's config: the validated YAML config with its `providers`, `master_keys` and `models` replaced by
 * the store's. Those three are validated with `gatewayConfigSchema` itself (the same field rules and
 * cross-checks as a file: unique names, routes naming existing providers, valid patterns), together with
 * the YAML's `verify_ssl`; no check of the schema relates them to other sections, and the YAML's other
 * sections were validated when the file was loaded. The result is deep-frozen like a loaded config.
 */
export function mergeStoredConfig(yamlConfig: GatewayConfig, stored: StoredConfig): MergeResult {
  const result = gatewayConfigSchema.safeParse(buildStoredConfigDocument(stored, yamlConfig.verify_ssl));
  if (!result.success) return { issues: result.error.issues };
  const { providers, master_keys: masterKeys, models } = result.data;
  return { config: deepFreeze({ ...yamlConfig, providers, master_keys: masterKeys, models }) };
}

/** The stored rows written as a config file would write them (paths in issues follow this document). */
export function buildStoredConfigDocument(stored: StoredConfig, verifySsl = true): Record<string, unknown> {
  return {
    verify_ssl: verifySsl,
    providers: stored.providers.map(providerRowToConfigInput),
    master_keys: stored.credentials.map(credentialRowToConfigInput),
    models: Object.fromEntries(stored.aliases.map((alias) => [alias.name, { routes: alias.routes }])),
  };
}

export function providerRowToConfigInput(row: StoredProvider): Record<string, unknown> {
  return {
    name: row.id,
    type: row.provider_type,
    ...(row.api_base === null ? {} : { api_base: row.api_base }),
    ...(row.api_key === null ? {} : { api_key: row.api_key }),
    weight: row.weight,
    priority: row.priority,
    enabled: row.is_enabled,
    ...(row.model_mapping === null ? {} : { model_mapping: row.model_mapping }),
    ...row.settings,
  };
}

/** Keys of a provider's config that have columns of their own; the rest go to `settings`. */
const providerColumns = new Set(['name', 'type', 'api_base', 'api_key', 'weight', 'priority', 'enabled', 'model_mapping']);

/**
 * A validated provider config -> a row. `timeouts` are milliseconds once validated; they are stored as
 * `"<n>ms"` so that validating the row again gives the same milliseconds.
 */
export function providerConfigToRow(provider: ProviderConfig): StoredProvider {
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(provider)) {
    if (providerColumns.has(key) || value === undefined) continue;
    settings[key] = key === 'timeouts' ? millisecondsToDurations(value as Record<string, number | undefined>) : value;
  }
  return {
    id: provider.name,
    provider_type: provider.type,
    api_base: provider.api_base ?? null,
    api_key: provider.api_key ?? null,
    model_mapping: provider.model_mapping ?? null,
    weight: provider.weight,
    priority: provider.priority,
    is_enabled: provider.enabled,
    settings,
  };
}

function millisecondsToDurations(timeouts: Record<string, number | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(timeouts).flatMap(([key, value]) => (value === undefined ? [] : [[key, `${value}ms`]])));
}

export function credentialRowToConfigInput(row: StoredCredential): Record<string, unknown> {
  return {
    name: row.name,
    key_hash: row.key_hash,
    allowed_models: row.allowed_models,
    enabled: row.is_enabled,
    ...(row.rate_limit === null ? {} : { rate_limit: row.rate_limit }),
    ...(row.tokens_per_minute === null ? {} : { tokens_per_minute: row.tokens_per_minute }),
  };
}

/** The part of a validated key config a row keeps (everything but the key). */
export function credentialConfigFields(
  masterKey: MasterKeyConfig,
): Pick<StoredCredential, 'name' | 'allowed_models' | 'rate_limit' | 'tokens_per_minute' | 'is_enabled'> {
  return {
    name: masterKey.name,
    allowed_models: masterKey.allowed_models,
    rate_limit: masterKey.rate_limit ?? null,
    tokens_per_minute: masterKey.tokens_per_minute ?? null,
    is_enabled: masterKey.enabled,
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
