import type { OpenAIResponsesUsageBody } from './convert-to-openai-responses-usage.ts';
import type { OpenAIResponsesOutputItemBody, OpenAIResponsesResponseBody, OpenAIResponsesResponseStatus } from './openai-responses-output-types.ts';
import type { OpenAIResponsesRequest } from './openai-responses-wire-schema.ts';

export interface OpenAIResponsesSnapshotInput {
  readonly id: string;
  readonly model: string;
  readonly createdSeconds: number;
  readonly status: OpenAIResponsesResponseStatus;
  readonly incompleteReason?: string;
  readonly error?: { readonly code: string; readonly message: string };
  /** Set on a completed response. */
  readonly completedSeconds?: number;
  readonly output: OpenAIResponsesOutputItemBody[];
  readonly usage: OpenAIResponsesUsageBody | null;
  /** The client's request: its settings are echoed as OpenAI does; absent ones get OpenAI's defaults. */
  readonly request?: OpenAIResponsesRequest | undefined;
}

/**
 * A Response object with every field the openai SDK types require, echoing the request's settings the
 * way OpenAI does (`tools`, `instructions`, `temperature`, …). `store` says what happened: a translating
 * gateway stores nothing, so it is always `false`.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 */
export function buildOpenAIResponsesSnapshot(input: OpenAIResponsesSnapshotInput): OpenAIResponsesResponseBody {
  const request = input.request;
  return {
    id: input.id,
    object: 'response',
    created_at: input.createdSeconds,
    status: input.status,
    background: false,
    completed_at: input.status === 'completed' ? (input.completedSeconds ?? input.createdSeconds) : null,
    error: input.error === undefined ? null : { code: input.error.code, message: input.error.message },
    incomplete_details: input.incompleteReason === undefined ? null : { reason: input.incompleteReason },
    instructions: request?.instructions ?? null,
    max_output_tokens: request?.max_output_tokens ?? null,
    max_tool_calls: numberOr(request?.['max_tool_calls'], null),
    model: input.model,
    output: input.output,
    parallel_tool_calls: request?.parallel_tool_calls ?? true,
    previous_response_id: null,
    prompt_cache_key: request?.prompt_cache_key ?? null,
    reasoning: { effort: request?.reasoning?.effort ?? null, summary: request?.reasoning?.summary ?? null },
    safety_identifier: request?.safety_identifier ?? null,
    service_tier: 'default',
    store: false,
    temperature: request?.temperature ?? 1,
    text: { format: request?.text?.format ?? { type: 'text' }, verbosity: request?.text?.verbosity ?? 'medium' },
    tool_choice: request?.tool_choice ?? 'auto',
    tools: request?.tools ?? [],
    top_logprobs: numberOr(request?.['top_logprobs'], 0),
    top_p: request?.top_p ?? 1,
    truncation: typeof request?.['truncation'] === 'string' ? request['truncation'] : 'disabled',
    usage: input.usage,
    user: request?.user ?? null,
    metadata: request?.metadata ?? {},
  };
}

function numberOr<Fallback>(value: unknown, fallback: Fallback): number | Fallback {
  return typeof value === 'number' ? value : fallback;
}
