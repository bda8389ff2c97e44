/**
 * What the store holds, in memory: providers, credentials and aliases in the config's own input form
 * (what a YAML file would say), so that `merge-stored-config.ts` validates them with the config schema.
 */
export interface StoredProvider {
  readonly id: string;
  readonly provider_type: string;
  readonly api_base: string | null;
  readonly api_key: string | null;
  readonly model_mapping: Readonly<Record<string, string>> | null;
  readonly weight: number;
  readonly priority: number;
  readonly is_enabled: boolean;
  /** The provider's other config keys: verify_ssl, wire_api, max_output_tokens, timeouts. */
  readonly settings: Readonly<Record<string, unknown>>;
}

export interface StoredCredential {
  readonly id: string;
  readonly name: string;
  readonly key_hash: string;
  readonly key_prefix: string;
  readonly allowed_models: readonly string[];
  readonly rate_limit: { readonly requests_per_second: number; readonly burst_size: number } | null;
  readonly tokens_per_minute: number | null;
  readonly is_enabled: boolean;
}

export interface StoredModelAlias {
  readonly name: string;
  readonly routes: readonly Readonly<Record<string, unknown>>[];
}

export interface StoredConfig {
  readonly version: number;
  readonly providers: readonly StoredProvider[];
  readonly credentials: readonly StoredCredential[];
  readonly aliases: readonly StoredModelAlias[];
}

/** One row written, replaced or removed. `summary` goes to the audit log and must hold no secret. */
export type ConfigChange =
  | { readonly entity: 'provider'; readonly action: 'create' | 'update'; readonly row: StoredProvider; readonly summary: Record<string, unknown> }
  | { readonly entity: 'credential'; readonly action: 'create' | 'update'; readonly row: StoredCredential; readonly summary: Record<string, unknown> }
  | { readonly entity: 'model_alias'; readonly action: 'create' | 'update'; readonly row: StoredModelAlias; readonly summary: Record<string, unknown> }
  | { readonly entity: 'provider' | 'credential' | 'model_alias'; readonly action: 'delete'; readonly id: string; readonly summary: Record<string, unknown> };

/** The config as it will be once `changes` are applied (pure; the store writes the same changes). */
export function applyConfigChanges(current: StoredConfig, changes: readonly ConfigChange[]): StoredConfig {
  let { providers, credentials, aliases } = current;
  for (const change of changes) {
    if (change.entity === 'provider') providers = replaceById(providers, change, (row) => row.id);
    else if (change.entity === 'credential') credentials = replaceById(credentials, change, (row) => row.id);
    else aliases = replaceById(aliases, change, (row) => row.name);
  }
  return { version: current.version, providers, credentials, aliases };
}

function replaceById<Row>(rows: readonly Row[], change: ConfigChange, idOf: (row: Row) => string): readonly Row[] {
  if (change.action === 'delete') return rows.filter((row) => idOf(row) !== change.id);
  const row = change.row as Row;
  const index = rows.findIndex((existing) => idOf(existing) === idOf(row));
  if (index === -1) return [...rows, row];
  return rows.map((existing, position) => (position === index ? row : existing));
}

export function changeEntityId(change: ConfigChange): string {
  if (change.action === 'delete') return change.id;
  return 'id' in change.row ? change.row.id : change.row.name;
}
