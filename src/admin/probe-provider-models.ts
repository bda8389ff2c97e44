import { z } from 'zod';
import { providerConfigSchema } from '../config/gateway-config-schema.ts';
import { anthropicMessagesApiPath } from '../providers/anthropic-messages/anthropic-messages-api-path.ts';
import { createModelMapper } from '../routing/create-model-mapper.ts';
import { providerRowToConfigInput } from '../store/merge-stored-config.ts';
import { DiscardingSink } from '../upstream/discarding-sink.ts';
import { createProviderRuntime, type ProviderRuntime } from '../upstream/provider-runtime.ts';
import { relayUpstreamResponse, type UpstreamOutcome } from '../upstream/relay-upstream-response.ts';
import type { AdminDependencies } from './admin-dependencies.ts';
import { AdminFieldError, formatFieldPath } from './admin-field-error.ts';
import { type AdminAnswer, findProvider } from './provider-admin-routes.ts';

export const providerHealthBodySchema = z.strictObject({
  /** Client-facing model names; each is mapped through the provider's model_mapping like a request's. */
  models: z.array(z.string().min(1)).min(1).max(50),
  max_concurrent: z.number().int().min(1).max(20).default(4),
  timeout_secs: z.number().positive().max(300).default(30),
});

interface ModelProbeResult {
  readonly model: string;
  readonly upstream_model: string;
  readonly ok: boolean;
  readonly status: number | null;
  readonly latency_ms: number;
  /** Client-safe: `HTTP 401`, an error name; never a body. */
  readonly detail: string;
}

/**
 * `POST /admin/v1/providers/:id/health`: one tiny generation per model (max 1 output token), at most
 * `max_concurrent` at a time, each bounded by `timeout_secs`, through a pool of its own (the provider need
 * not be enabled). Unlike the periodic probe (resilience/probe-provider.ts, `GET /models`, no tokens) this
 * checks that each model answers, so it costs a few tokens per model.
 */
export async function probeProviderModels(dependencies: AdminDependencies, id: string, body: Record<string, unknown>): Promise<AdminAnswer> {
  const parsed = providerHealthBodySchema.safeParse(body);
  if (!parsed.success) throw new AdminFieldError(parsed.error.issues.map((issue) => ({ param: formatFieldPath(issue.path), message: issue.message })));
  const { models, max_concurrent: maxConcurrent, timeout_secs: timeoutSecs } = parsed.data;
  const stored = await dependencies.store.readStoredConfig();
  const providerConfig = providerConfigSchema.parse(providerRowToConfigInput(findProvider(stored.providers, id)));
  const yamlConfig = dependencies.yamlConfig();
  const runtime = createProviderRuntime(providerConfig, { verifySsl: yamlConfig.verify_ssl, timeouts: yamlConfig.timeouts }, dependencies.now);
  const mapModel = createModelMapper(providerConfig.model_mapping);
  const results: ModelProbeResult[] = new Array(models.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < models.length) {
      const index = next;
      next += 1;
      const model = models[index] as string;
      const upstreamModel = mapModel(model) ?? model;
      results[index] = { model, upstream_model: upstreamModel, ...(await probeModel(runtime, upstreamModel, timeoutSecs * 1000, dependencies.now)) };
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(maxConcurrent, models.length) }, worker));
  } finally {
    await runtime.dispatcher.close();
  }
  return { status: 200, body: { provider: id, healthy: results.every((result) => result.ok), results } };
}

function probeModel(
  runtime: ProviderRuntime,
  model: string,
  timeoutMs: number,
  now: () => number,
): Promise<Omit<ModelProbeResult, 'model' | 'upstream_model'>> {
  const { path, body } = buildProbeRequest(runtime, model);
  const started = now();
  return new Promise((resolve) => {
    relayUpstreamResponse(
      runtime.dispatcher,
      { method: 'POST', path, headers: ['content-type', 'application/json', ...runtime.authHeaders], body: JSON.stringify(body) },
      new DiscardingSink(),
      {
        onResponseStart() {},
        onOutcome(outcome: UpstreamOutcome) {
          const latency = now() - started;
          if (outcome.kind === 'relayed') resolve({ ok: true, status: outcome.status, latency_ms: latency, detail: `HTTP ${outcome.status}` });
          else if (outcome.kind === 'error-response' || outcome.kind === 'first-chunk-rejected') {
            resolve({ ok: false, status: outcome.status, latency_ms: latency, detail: `HTTP ${outcome.status}` });
          } else if (outcome.kind === 'failed' || outcome.kind === 'broken')
            resolve({ ok: false, status: null, latency_ms: latency, detail: outcome.error.name });
          else resolve({ ok: false, status: null, latency_ms: latency, detail: outcome.kind });
        },
      },
      { totalTimeoutMs: timeoutMs },
    );
  });
}

/** The smallest request each protocol accepts: one short user message, one output token. */
function buildProbeRequest(runtime: ProviderRuntime, model: string): { path: string; body: Record<string, unknown> } {
  if (runtime.protocol === 'anthropic-messages') {
    return { path: anthropicMessagesApiPath(runtime.basePath, '/messages'), body: { model, max_tokens: 1, messages: [{ role: 'user', content: 'ping' }] } };
  }
  if (runtime.protocol === 'openai-responses') {
    // The Responses API refuses max_output_tokens below 16.
    return { path: `${runtime.basePath}/responses`, body: { model, input: 'ping', max_output_tokens: 16 } };
  }
  return { path: `${runtime.basePath}/chat/completions`, body: { model, messages: [{ role: 'user', content: 'ping' }], max_tokens: 1 } };
}
