import { randomBytes, randomUUID } from 'node:crypto';
import { hashApiKey } from '../auth/hash-api-key.ts';
import { masterKeyConfigSchema } from '../config/gateway-config-schema.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { credentialConfigFields } from '../store/merge-stored-config.ts';
import type { StoredConfig, StoredCredential } from '../store/stored-config.ts';
import type { AdminDependencies } from './admin-dependencies.ts';
import { type CheckFocus, checkStoredConfig } from './check-stored-config.ts';
import { keyPrefixOf } from './mask-secret.ts';
import { parseAdminBody } from './parse-admin-body.ts';
import type { AdminAnswer } from './provider-admin-routes.ts';

/** Config key -> Admin API field, where they differ. */
const bodyNameOf: Readonly<Record<string, string>> = { enabled: 'is_enabled', key_hash: 'key' };
const bodyFields: ReadonlySet<string> = new Set(['key', 'name', 'allowed_models', 'rate_limit', 'tokens_per_minute', 'is_enabled']);

/** A credential as the Admin API shows it: never the key, only the first few characters of it. */
export function toCredentialView(row: StoredCredential): Record<string, unknown> {
  return {
    id: row.id,
    name: row.name,
    key_prefix: row.key_prefix === '' ? null : `${row.key_prefix}…`,
    allowed_models: row.allowed_models,
    rate_limit: row.rate_limit,
    tokens_per_minute: row.tokens_per_minute,
    is_enabled: row.is_enabled,
  };
}

/** `sk-` and 32 random bytes, base64url: 46 characters, 256 bits. */
export function generateClientKey(): string {
  return `sk-${randomBytes(32).toString('base64url')}`;
}

export async function listCredentials(dependencies: AdminDependencies): Promise<AdminAnswer> {
  const stored = await dependencies.store.readStoredConfig();
  return { status: 200, body: { object: 'list', data: stored.credentials.map(toCredentialView), version: stored.version } };
}

export async function getCredential(dependencies: AdminDependencies, id: string): Promise<AdminAnswer> {
  const stored = await dependencies.store.readStoredConfig();
  return { status: 200, body: toCredentialView(findCredential(stored, id)) };
}

/** The key is generated unless given; it is in this answer once, and stored only as its hash. */
export async function createCredential(dependencies: AdminDependencies, body: Record<string, unknown>): Promise<AdminAnswer> {
  const key = typeof body['key'] === 'string' ? body['key'] : generateClientKey();
  const parsed = parseCredentialBody({ ...body, key: body['key'] ?? key }, {});
  const row: StoredCredential = { id: randomUUID(), key_hash: hashApiKey(key), key_prefix: keyPrefixOf(key), ...parsed };
  const outcome = await dependencies.store.change(
    'admin',
    (current) => {
      assertUnique(current, row);
      return [{ entity: 'credential', action: 'create', row, summary: toCredentialView(row) }];
    },
    (next) => checkStoredConfig(dependencies.yamlConfig(), next, focusOn(row.key_hash)),
  );
  await dependencies.reloadNow();
  return { status: 201, body: { ...toCredentialView(row), key, version: outcome.version } };
}

/** Fields given replace the stored ones; a new `key` rotates it (and is shown in this answer once). */
export async function updateCredential(dependencies: AdminDependencies, id: string, body: Record<string, unknown>): Promise<AdminAnswer> {
  const newKey = typeof body['key'] === 'string' ? body['key'] : undefined;
  let saved: StoredCredential | undefined;
  const outcome = await dependencies.store.change(
    'admin',
    (current) => {
      const existing = findCredential(current, id);
      const base: Record<string, unknown> = {
        name: existing.name,
        allowed_models: existing.allowed_models,
        enabled: existing.is_enabled,
        ...(existing.rate_limit === null ? {} : { rate_limit: existing.rate_limit }),
        ...(existing.tokens_per_minute === null ? {} : { tokens_per_minute: existing.tokens_per_minute }),
      };
      const parsed = parseCredentialBody({ ...body, key: body['key'] ?? 'unchanged' }, base);
      saved = {
        ...existing,
        ...parsed,
        ...(newKey === undefined ? {} : { key_hash: hashApiKey(newKey), key_prefix: keyPrefixOf(newKey) }),
      };
      assertUnique(current, saved);
      const changed = Object.keys(body);
      return [{ entity: 'credential', action: 'update', row: saved, summary: { ...toCredentialView(saved), changed } }];
    },
    (next) => checkStoredConfig(dependencies.yamlConfig(), next, focusOn(saved?.key_hash)),
  );
  await dependencies.reloadNow();
  const view = toCredentialView(saved as StoredCredential);
  return { status: 200, body: { ...view, ...(newKey === undefined ? {} : { key: newKey }), version: outcome.version } };
}

export async function deleteCredential(dependencies: AdminDependencies, id: string): Promise<AdminAnswer> {
  const outcome = await dependencies.store.change(
    'admin',
    (current) => {
      const existing = findCredential(current, id);
      return [{ entity: 'credential', action: 'delete', id, summary: { id, name: existing.name } }];
    },
    () => {},
  );
  await dependencies.reloadNow();
  return { status: 200, body: { id, deleted: true, version: outcome.version } };
}

function findCredential(stored: StoredConfig, id: string): StoredCredential {
  const credential = stored.credentials.find((candidate) => candidate.id === id);
  if (credential === undefined) throw new GatewayError('GW_ERR_RESOURCE_NOT_FOUND', { message: `No credential has the id '${id.slice(0, 200)}'.` });
  return credential;
}

function assertUnique(current: StoredConfig, row: StoredCredential): void {
  for (const other of current.credentials) {
    if (other.id === row.id) continue;
    if (other.name === row.name) throw new GatewayError('GW_ERR_CONFLICT', { message: `A credential named '${row.name}' exists already.`, param: 'name' });
    if (other.key_hash === row.key_hash) throw new GatewayError('GW_ERR_CONFLICT', { message: 'Another credential has this key.', param: 'key' });
  }
}

/** The config's key entries carry no id: the one being saved is found by its hash, unique in the store. */
function focusOn(keyHash: string | undefined): CheckFocus {
  return { section: 'master_keys', isFocus: (element) => keyHash !== undefined && element['key_hash'] === keyHash, fieldNames: bodyNameOf };
}

/** Checks a body with the config's own key schema (`key` given or generated), every problem named by field. */
function parseCredentialBody(
  body: Record<string, unknown>,
  base: Record<string, unknown>,
): Pick<StoredCredential, 'name' | 'allowed_models' | 'rate_limit' | 'tokens_per_minute' | 'is_enabled'> {
  const shape = { fields: bodyFields, configKeyOf: { is_enabled: 'enabled' }, bodyNameOf, nullKept: new Set(['key']) };
  return credentialConfigFields(parseAdminBody(body, base, shape, masterKeyConfigSchema));
}
