import { anthropicMessagesApiPath } from '../providers/anthropic-messages/anthropic-messages-api-path.ts';
import { DiscardingSink } from '../upstream/discarding-sink.ts';
import type { ProviderRuntime } from '../upstream/provider-runtime.ts';
import { relayUpstreamResponse, type UpstreamOutcome } from '../upstream/relay-upstream-response.ts';

/** One health probe's result. */
export interface ProbeResult {
  readonly ok: boolean;
  readonly latencyMs: number;
  /** Client-safe: a status or an error name, never a body. */
  readonly detail: string;
  readonly status?: number;
}

/**
 * A cheap request that needs the provider's key and its API up, and costs no tokens: `GET <api_base>/models`
 * (OpenAI) or `GET /v1/models` (Anthropic), through the provider's own pool and timeouts, bounded by
 * `timeoutMs`. The built-in mock is in-process and always answers.
 */
export function probeProvider(provider: ProviderRuntime, timeoutMs: number, now: () => number): Promise<ProbeResult> {
  if (provider.config.type === 'mock') return Promise.resolve({ ok: true, latencyMs: 0, detail: 'built-in mock' });
  const path = provider.protocol === 'anthropic-messages' ? anthropicMessagesApiPath(provider.basePath, '/models') : `${provider.basePath}/models`;
  const started = now();
  return new Promise((resolve) => {
    relayUpstreamResponse(
      provider.dispatcher,
      { method: 'GET', path, headers: [...provider.authHeaders] },
      new DiscardingSink(),
      {
        onResponseStart() {},
        onOutcome(outcome: UpstreamOutcome) {
          const latencyMs = now() - started;
          if (outcome.kind === 'relayed') resolve({ ok: true, latencyMs, detail: `HTTP ${outcome.status}`, status: outcome.status });
          else if (outcome.kind === 'error-response') resolve({ ok: false, latencyMs, detail: `HTTP ${outcome.status}`, status: outcome.status });
          else if (outcome.kind === 'failed' || outcome.kind === 'broken') resolve({ ok: false, latencyMs, detail: outcome.error.name });
          else resolve({ ok: false, latencyMs, detail: outcome.kind });
        },
      },
      { totalTimeoutMs: timeoutMs },
    );
  });
}
