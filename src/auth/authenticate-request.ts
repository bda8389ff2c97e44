import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError } from '../errors/gateway-error.ts';
import type { KeyStore } from './build-key-store.ts';
import type { ClientKey } from './client-key.ts';

/** The key from `Authorization: Bearer KEY` or `x-api-key: KEY` (OpenAI and Anthropic SDKs send one or the other). */
export function readApiKey(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match?.[1] !== undefined) return match[1];
  }
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey.length > 0 ? apiKey.trim() : undefined;
}

/**
 * The caller's key, or undefined for an open gateway (no keys configured). Throws 401 for a missing or
 * unknown key and 403 for a disabled one.
 */
export function authenticateRequest(headers: IncomingHttpHeaders, keyStore: KeyStore): ClientKey | undefined {
  if (keyStore.open) return undefined;
  const key = readApiKey(headers);
  if (key === undefined) throw new GatewayError('GW_ERR_MISSING_API_KEY');
  const clientKey = keyStore.findByKey(key);
  if (clientKey === undefined) throw new GatewayError('GW_ERR_INVALID_API_KEY');
  if (!clientKey.enabled) throw new GatewayError('GW_ERR_KEY_DISABLED');
  return clientKey;
}
