import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { toCredentialView } from '../admin/credential-admin-routes.ts';
import { keyPrefixOf } from '../admin/mask-secret.ts';
import { toProviderAudit } from '../admin/provider-admin-routes.ts';
import { hashApiKey } from '../auth/hash-api-key.ts';
import type { GatewayConfig } from '../config/gateway-config-schema.ts';
import { credentialConfigFields, providerConfigToRow } from '../store/merge-stored-config.ts';
import type { ConfigChange, StoredConfig, StoredCredential } from '../store/stored-config.ts';

/**
 * What `import-config` changes: each provider (by name), key (by name) and alias (by name) of the file that
 * the store does not have, or has differently, is created or updated; nothing is deleted. The same file a
 * second time plans nothing, so the version and the audit log stay as they are.
 */
export function planConfigImport(config: GatewayConfig, current: StoredConfig): ConfigChange[] {
  const changes: ConfigChange[] = [];
  for (const provider of config.providers) {
    const row = providerConfigToRow(provider);
    const existing = current.providers.find((candidate) => candidate.id === row.id);
    if (existing !== undefined && isDeepStrictEqual({ ...existing }, { ...row })) continue;
    changes.push({ entity: 'provider', action: existing === undefined ? 'create' : 'update', row, summary: toProviderAudit(row) });
  }
  for (const masterKey of config.master_keys) {
    const existing = current.credentials.find((candidate) => candidate.name === masterKey.name);
    const keyHash = masterKey.key_hash ?? hashApiKey(masterKey.key ?? '');
    const keyPrefix = masterKey.key === undefined ? (existing?.key_hash === keyHash ? existing.key_prefix : '') : keyPrefixOf(masterKey.key);
    const row: StoredCredential = { id: existing?.id ?? randomUUID(), key_hash: keyHash, key_prefix: keyPrefix, ...credentialConfigFields(masterKey) };
    if (existing !== undefined && isDeepStrictEqual({ ...existing }, { ...row })) continue;
    changes.push({ entity: 'credential', action: existing === undefined ? 'create' : 'update', row, summary: toCredentialView(row) });
  }
  for (const [name, alias] of Object.entries(config.models)) {
    const routes = alias.routes.map((route) => ({ ...route }));
    const existing = current.aliases.find((candidate) => candidate.name === name);
    if (
      existing !== undefined &&
      isDeepStrictEqual(
        existing.routes.map((route) => ({ ...route })),
        routes,
      )
    )
      continue;
    changes.push({ entity: 'model_alias', action: existing === undefined ? 'create' : 'update', row: { name, routes }, summary: { name, routes } });
  }
  return changes;
}
