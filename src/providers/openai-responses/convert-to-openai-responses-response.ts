import type { CanonicalResponse } from '../../canonical/canonical-response.ts';
import type { Converted } from '../../canonical/conversion-warning.ts';
import { buildOpenAIResponsesReasoningItem } from './build-openai-responses-reasoning-item.ts';
import { buildOpenAIResponsesSnapshot } from './build-openai-responses-snapshot.ts';
import { buildOpenAIResponsesToolCallItem } from './build-openai-responses-tool-call-item.ts';
import type { OpenAIResponsesToolOrigins } from './convert-openai-responses-tools-to-canonical.ts';
import { convertToOpenAIResponsesUsage } from './convert-to-openai-responses-usage.ts';
import { mapToOpenAIResponsesStatus } from './map-to-openai-responses-status.ts';
import type {
  OpenAIResponsesIdSource,
  OpenAIResponsesMessageItemBody,
  OpenAIResponsesOutputItemBody,
  OpenAIResponsesResponseBody,
} from './openai-responses-output-types.ts';
import type { OpenAIResponsesRequest } from './openai-responses-wire-schema.ts';

export interface ConvertToOpenAIResponsesResponseOptions {
  /** Mints `msg_` / `fc_` / `ctc_` / `rs_` item ids. */
  readonly idSource: OpenAIResponsesIdSource;
  /** The client-facing response id (`resp_…`); default: the canonical id, prefixed with `resp_` unless it has it. */
  readonly id?: string;
  /** From the client's request: which tools were custom or namespaced (convert-openai-responses-tools-to-canonical.ts). */
  readonly toolOrigins?: OpenAIResponsesToolOrigins;
  /** The client's request, whose settings the Response echoes. */
  readonly request?: OpenAIResponsesRequest;
  /** `completed_at`; default: the creation time. */
  readonly completedSeconds?: number;
}

/**
 * Canonical -> a non-streaming Response body. Consecutive text parts share one `message` item (one
 * `output_text` part each); tool calls become `function_call` / `custom_tool_call` items, reasoning
 * `reasoning` items. `status` / `incomplete_details` come from the finish reason (map-to-openai-responses-status.ts);
 * a truncated final message is marked `incomplete`.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 */
export function convertToOpenAIResponsesResponse(
  response: CanonicalResponse,
  options: ConvertToOpenAIResponsesResponseOptions,
): Converted<OpenAIResponsesResponseBody> {
  const output: OpenAIResponsesOutputItemBody[] = [];
  let message: OpenAIResponsesMessageItemBody | undefined;
  for (const part of response.content) {
    if (part.type !== 'text') message = undefined;
    switch (part.type) {
      case 'text':
        if (message === undefined) {
          message = { id: options.idSource('msg'), type: 'message', status: 'completed', role: 'assistant', content: [] };
          output.push(message);
        }
        message.content.push({ type: 'output_text', annotations: [], logprobs: [], text: part.text });
        break;
      case 'tool-call':
        output.push(buildOpenAIResponsesToolCallItem(part, 'completed', options.idSource, options.toolOrigins));
        break;
      case 'reasoning':
        output.push(buildOpenAIResponsesReasoningItem(part, options.idSource));
        break;
    }
  }

  const status = mapToOpenAIResponsesStatus(response.finishReason);
  const last = output.at(-1);
  if (status.status === 'incomplete' && last?.type === 'message') last.status = 'incomplete';
  const body = buildOpenAIResponsesSnapshot({
    id: options.id ?? (response.id.startsWith('resp_') ? response.id : `resp_${response.id}`),
    model: response.model,
    createdSeconds: response.createdSeconds,
    status: status.status,
    ...(status.status === 'incomplete' ? { incompleteReason: status.reason } : {}),
    ...(status.status === 'failed' ? { error: { code: 'server_error', message: 'The upstream provider failed to complete the response.' } } : {}),
    ...(options.completedSeconds === undefined ? {} : { completedSeconds: options.completedSeconds }),
    output,
    usage: convertToOpenAIResponsesUsage(response.usage),
    request: options.request,
  });
  return { value: body, warnings: [] };
}
