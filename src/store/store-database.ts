import type { ColumnType, Generated } from 'kysely';

/**
 * The tables as Kysely sees them (docs/storage.md "Schema"). JSON columns are written as JSON text and
 * read back parsed (both drivers parse jsonb); `read-stored-config.ts` checks what it reads.
 */
export interface StoreDatabase {
  providers: ProvidersTable;
  credentials: CredentialsTable;
  model_aliases: ModelAliasesTable;
  config_version: ConfigVersionTable;
  audit_log: AuditLogTable;
}

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;
type NullableJson = ColumnType<unknown, string | null, string | null>;

export interface ProvidersTable {
  /** The provider's name in the config (`providers[].name`). */
  id: string;
  provider_type: string;
  api_base: string | null;
  /** Needed in clear to call the provider; never returned by the Admin API. */
  api_key: string | null;
  model_mapping: NullableJson;
  weight: number;
  priority: number;
  is_enabled: boolean;
  /** The provider's other config keys (verify_ssl, wire_api, max_output_tokens, timeouts), as a JSON object. */
  settings: Json;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Insertion order (migration 0003): the stored config lists rows in it. */
  position: Generated<number>;
}

export interface CredentialsTable {
  id: string;
  name: string;
  /** SHA-256 of the key, hex: what the gateway's key store looks keys up by. The key itself is not kept. */
  key_hash: string;
  /** The first few characters, for people to recognise a key by. */
  key_prefix: string;
  allowed_models: Json;
  /** `{requests_per_second, burst_size}` or null (unlimited). */
  rate_limit: NullableJson;
  /** Prompt + completion tokens a minute, or null (unlimited). */
  tokens_per_minute: number | null;
  is_enabled: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Insertion order (migration 0003): the stored config lists rows in it. */
  position: Generated<number>;
}

export interface ModelAliasesTable {
  name: string;
  /** `[{provider, model, priority, weight}]`, as `models.<alias>.routes` in the config file. */
  routes: Json;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Insertion order (migration 0003): the stored config lists rows in it. */
  position: Generated<number>;
}

export interface ConfigVersionTable {
  /** Always 1: the table has one row. */
  id: number;
  version: number;
  updated_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  /** What changed, with every secret masked. */
  summary: Json;
  /** The config version the change produced. */
  version: number;
}
