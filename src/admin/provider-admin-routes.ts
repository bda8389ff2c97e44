import { providerConfigSchema } from '../config/gateway-config-schema.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { providerConfigToRow, providerRowToConfigInput } from '../store/merge-stored-config.ts';
import type { StoredProvider } from '../store/stored-config.ts';
import type { AdminDependencies } from './admin-dependencies.ts';
import { AdminFieldError } from './admin-field-error.ts';
import { type CheckFocus, checkStoredConfig } from './check-stored-config.ts';
import { maskSecret } from './mask-secret.ts';
import { parseAdminBody } from './parse-admin-body.ts';

/** Config key -> Admin API field, where they differ (docs/interface.md names the fields). */
const bodyNameOf: Readonly<Record<string, string>> = { name: 'id', type: 'provider_type', enabled: 'is_enabled' };
const configKeyOf: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(bodyNameOf).map(([config, body]) => [body, config]));
/** Every field a body may have: the provider schema's keys, under their Admin API names. */
const bodyFields: ReadonlySet<string> = new Set(Object.keys(providerConfigSchema.shape).map((key) => bodyNameOf[key] ?? key));

export interface AdminAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** A provider as the Admin API shows it: the key masked. */
export function toProviderView(row: StoredProvider): Record<string, unknown> {
  return {
    id: row.id,
    provider_type: row.provider_type,
    api_base: row.api_base,
    api_key: maskSecret(row.api_key),
    model_mapping: row.model_mapping,
    weight: row.weight,
    priority: row.priority,
    is_enabled: row.is_enabled,
    ...row.settings,
  };
}

/** What the audit log keeps of a provider: the view without even the key's last characters. */
export function toProviderAudit(row: StoredProvider): Record<string, unknown> {
  return { ...toProviderView(row), api_key: row.api_key === null ? null : 'set' };
}

export async function listProviders(dependencies: AdminDependencies): Promise<AdminAnswer> {
  const stored = await dependencies.store.readStoredConfig();
  return { status: 200, body: { object: 'list', data: stored.providers.map(toProviderView), version: stored.version } };
}

export async function getProvider(dependencies: AdminDependencies, id: string): Promise<AdminAnswer> {
  const stored = await dependencies.store.readStoredConfig();
  return { status: 200, body: toProviderView(findProvider(stored.providers, id)) };
}

export async function createProvider(dependencies: AdminDependencies, body: Record<string, unknown>): Promise<AdminAnswer> {
  const row = parseProviderBody(body, {});
  const outcome = await dependencies.store.change(
    'admin',
    (current) => {
      if (current.providers.some((provider) => provider.id === row.id)) {
        throw new GatewayError('GW_ERR_CONFLICT', { message: `A provider with id '${row.id}' exists already.`, param: 'id' });
      }
      return [{ entity: 'provider', action: 'create', row, summary: toProviderAudit(row) }];
    },
    (next) => checkStoredConfig(dependencies.yamlConfig(), next, focusOn(row.id)),
  );
  await dependencies.reloadNow();
  return { status: 201, body: { ...toProviderView(row), version: outcome.version } };
}

/**
 * Fields given replace the stored ones; fields left out keep their value (the key cannot be read back, so
 * a full replacement would need it every time); `null` removes an optional field (`api_key: null`).
 */
export async function updateProvider(dependencies: AdminDependencies, id: string, body: Record<string, unknown>): Promise<AdminAnswer> {
  if (body['id'] !== undefined && body['id'] !== id) throw new AdminFieldError([{ param: 'id', message: 'a provider cannot be renamed; create a new one' }]);
  let saved: StoredProvider | undefined;
  const outcome = await dependencies.store.change(
    'admin',
    (current) => {
      const existing = findProvider(current.providers, id);
      saved = parseProviderBody(body, providerRowToConfigInput(existing));
      const changed = Object.keys(body).filter((field) => field !== 'id');
      return [{ entity: 'provider', action: 'update', row: saved, summary: { ...toProviderAudit(saved), changed } }];
    },
    (next) => checkStoredConfig(dependencies.yamlConfig(), next, focusOn(id)),
  );
  await dependencies.reloadNow();
  return { status: 200, body: { ...toProviderView(saved as StoredProvider), version: outcome.version } };
}

export async function deleteProvider(dependencies: AdminDependencies, id: string): Promise<AdminAnswer> {
  const outcome = await dependencies.store.change(
    'admin',
    (current) => {
      findProvider(current.providers, id);
      return [{ entity: 'provider', action: 'delete', id, summary: { id } }];
    },
    (next) => checkStoredConfig(dependencies.yamlConfig(), next, focusOn(id)),
  );
  await dependencies.reloadNow();
  return { status: 200, body: { id, deleted: true, version: outcome.version } };
}

export function findProvider(providers: readonly StoredProvider[], id: string): StoredProvider {
  const provider = providers.find((candidate) => candidate.id === id);
  if (provider === undefined) throw new GatewayError('GW_ERR_RESOURCE_NOT_FOUND', { message: `No provider has the id '${id.slice(0, 200)}'.` });
  return provider;
}

function focusOn(id: string): CheckFocus {
  return { section: 'providers', isFocus: (element) => element['name'] === id, fieldNames: bodyNameOf };
}

/**
 * A body (over `base`, the stored provider for an update) -> a row, validated by the config's own
 * provider schema; every problem named by its Admin API field.
 */
function parseProviderBody(body: Record<string, unknown>, base: Record<string, unknown>): StoredProvider {
  return providerConfigToRow(parseAdminBody(body, base, { fields: bodyFields, configKeyOf, bodyNameOf }, providerConfigSchema));
}
