import type { MasterKeyConfig } from '../config/gateway-config-schema.ts';
import type { ClientKey } from './client-key.ts';
import { compileModelGlob } from './compile-model-glob.ts';
import { hashApiKey } from './hash-api-key.ts';

/** Client keys by SHA-256 hash. `open` when no key is configured: every request is let in (dev mode). */
export interface KeyStore {
  readonly open: boolean;
  findByKey(key: string): ClientKey | undefined;
}

export function buildKeyStore(masterKeys: readonly MasterKeyConfig[]): KeyStore {
  const keysByHash = new Map<string, ClientKey>();
  for (const masterKey of masterKeys) {
    // A DB-mode key is stored as its hash (docs/storage.md); the schema guarantees one of the two.
    keysByHash.set(masterKey.key_hash ?? hashApiKey(masterKey.key ?? ''), {
      name: masterKey.name,
      enabled: masterKey.enabled,
      rateLimit: masterKey.rate_limit,
      tokensPerMinute: masterKey.tokens_per_minute,
      allowsEveryModel: masterKey.allowed_models.includes('*'),
      allowedModelPatterns: masterKey.allowed_models.map(compileModelGlob),
    });
  }
  // Keys already seen valid skip the hash: bounded by the configured keys, as only hits are remembered.
  const knownKeys = new Map<string, ClientKey>();
  return {
    open: keysByHash.size === 0,
    findByKey(key) {
      const known = knownKeys.get(key);
      if (known !== undefined) return known;
      const clientKey = keysByHash.get(hashApiKey(key));
      if (clientKey !== undefined) knownKeys.set(key, clientKey);
      return clientKey;
    },
  };
}
