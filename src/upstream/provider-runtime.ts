import { Pool } from 'undici';
import type { ProviderConfig } from '../config/gateway-config-schema.ts';
import { createMockDispatcher } from '../providers/mock/mock-dispatcher.ts';
import type { UpstreamDispatcher } from './upstream-dispatcher.ts';

const defaultApiBase = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  mock: 'http://mock.invalid/v1',
} as const satisfies Record<ProviderConfig['type'], string>;

/** Upper bounds until per-provider timeouts arrive (issue 4): nothing waits forever on a silent upstream. */
const headersTimeoutMs = 600_000;
const bodyTimeoutMs = 600_000;

/** A provider ready for the hot path: its transport, path prefix and auth headers computed once. */
export interface ProviderRuntime {
  readonly config: ProviderConfig;
  readonly dispatcher: UpstreamDispatcher;
  /** Path of api_base, without a trailing slash (`/v1`), to which the endpoint path is appended. */
  readonly basePath: string;
  /** Headers that carry the provider's own key, as undici's flat [name, value, ...] list; never logged. */
  readonly authHeaders: readonly string[];
}

export function createProviderRuntime(provider: ProviderConfig, verifySsl: boolean, now: () => number): ProviderRuntime {
  const base = new URL(provider.api_base ?? defaultApiBase[provider.type]);
  const dispatcher =
    provider.type === 'mock'
      ? createMockDispatcher(now)
      : new Pool(base.origin, {
          pipelining: 1,
          keepAliveTimeout: 30_000,
          headersTimeout: headersTimeoutMs,
          bodyTimeout: bodyTimeoutMs,
          connect: { rejectUnauthorized: provider.verify_ssl ?? verifySsl },
        });
  return {
    config: provider,
    dispatcher,
    basePath: base.pathname.replace(/\/+$/, ''),
    authHeaders: buildAuthHeaders(provider),
  };
}

function buildAuthHeaders(provider: ProviderConfig): string[] {
  if (provider.api_key === undefined || provider.api_key === '') return [];
  if (provider.type === 'anthropic') return ['x-api-key', provider.api_key, 'anthropic-version', '2023-06-01'];
  return ['authorization', `Bearer ${provider.api_key}`];
}
