import { Pool } from 'undici';
import type { ProviderConfig, TimeoutsConfig } from '../config/gateway-config-schema.ts';
import { createMockDispatcher } from '../providers/mock/mock-dispatcher.ts';
import type { WireProtocol } from '../translation/wire-protocol.ts';
import type { UpstreamDispatcher } from './upstream-dispatcher.ts';

const defaultApiBase = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  mock: 'http://mock.invalid/v1',
} as const satisfies Record<ProviderConfig['type'], string>;

/** A provider ready for the hot path: its transport, path prefix and auth headers computed once. */
export interface ProviderRuntime {
  readonly config: ProviderConfig;
  /** The protocol its API speaks: requests in another one are translated. */
  readonly protocol: WireProtocol;
  readonly dispatcher: UpstreamDispatcher;
  /** Path of api_base, without a trailing slash (`/v1`), to which the endpoint path is appended. */
  readonly basePath: string;
  /** Headers that carry the provider's own key, as undici's flat [name, value, ...] list; never logged. */
  readonly authHeaders: readonly string[];
  /** The top-level `timeouts` with this provider's overrides; connect, first byte and idle are the pool's. */
  readonly timeouts: TimeoutsConfig;
}

export function createProviderRuntime(
  provider: ProviderConfig,
  settings: { verifySsl: boolean; timeouts: TimeoutsConfig },
  now: () => number,
): ProviderRuntime {
  const base = new URL(provider.api_base ?? defaultApiBase[provider.type]);
  const overrides = provider.timeouts ?? {};
  const timeouts: TimeoutsConfig = {
    connect: overrides.connect ?? settings.timeouts.connect,
    first_byte: overrides.first_byte ?? settings.timeouts.first_byte,
    idle: overrides.idle ?? settings.timeouts.idle,
    total: overrides.total ?? settings.timeouts.total,
  };
  // undici applies them per request: connect (TCP + TLS), headers (until the response head), body (between chunks).
  const dispatcher =
    provider.type === 'mock'
      ? createMockDispatcher(now)
      : new Pool(base.origin, {
          pipelining: 1,
          keepAliveTimeout: 30_000,
          headersTimeout: timeouts.first_byte,
          bodyTimeout: timeouts.idle,
          connect: { rejectUnauthorized: provider.verify_ssl ?? settings.verifySsl, timeout: timeouts.connect },
        });
  return {
    config: provider,
    protocol: selectProviderProtocol(provider),
    dispatcher,
    basePath: base.pathname.replace(/\/+$/, ''),
    authHeaders: buildAuthHeaders(provider),
    timeouts,
  };
}

/** The built-in mock speaks Chat Completions. */
function selectProviderProtocol(provider: ProviderConfig): WireProtocol {
  if (provider.type === 'anthropic') return 'anthropic-messages';
  return provider.wire_api === 'responses' ? 'openai-responses' : 'openai-chat';
}

/** Anthropic needs `anthropic-version` on every request, with or without a key. */
function buildAuthHeaders(provider: ProviderConfig): string[] {
  const hasKey = provider.api_key !== undefined && provider.api_key !== '';
  if (provider.type === 'anthropic')
    return hasKey ? ['x-api-key', provider.api_key ?? '', 'anthropic-version', anthropicVersion] : ['anthropic-version', anthropicVersion];
  return hasKey ? ['authorization', `Bearer ${provider.api_key ?? ''}`] : [];
}

/** The Messages API version the translators are written against. @see https://docs.anthropic.com/en/api/versioning */
const anthropicVersion = '2023-06-01';
