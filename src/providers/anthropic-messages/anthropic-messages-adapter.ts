import { z } from 'zod';
import type { GatewayError } from '../../errors/gateway-error.ts';
import { formatSseEvent } from '../../streaming/format-sse-event.ts';
import { firstAnswerId } from '../../translation/create-id-source.ts';
import type { ProtocolAdapter } from '../../translation/protocol-adapter.ts';
import { readRoutableRequest } from '../../translation/read-routable-request.ts';
import { AnthropicMessagesAnswerWriter } from './anthropic-messages-answer-writer.ts';
import { anthropicMessagesApiPath } from './anthropic-messages-api-path.ts';
import { anthropicMessagesRoutableSchema } from './anthropic-messages-routable-schema.ts';
import { convertAnthropicMessagesRequestToCanonical } from './convert-anthropic-messages-request-to-canonical.ts';
import { convertAnthropicMessagesResponseToCanonical } from './convert-anthropic-messages-response-to-canonical.ts';
import { convertToAnthropicMessagesRequest } from './convert-to-anthropic-messages-request.ts';
import { createAnthropicMessagesStreamDecoder } from './create-anthropic-messages-stream-decoder.ts';
import { isRoutableAnthropicMessagesRequest } from './is-routable-anthropic-messages-request.ts';
import { mapToAnthropicMessagesErrorType } from './map-to-anthropic-messages-error-type.ts';
import { parseAnthropicMessagesErrorBody } from './parse-anthropic-messages-error-body.ts';
import { toAnthropicMessagesErrorBody } from './to-anthropic-messages-error-body.ts';

/** `/v1/messages/count_tokens`: a Messages request without `max_tokens`. @see https://docs.anthropic.com/en/api/messages-count-tokens */
export const anthropicMessagesCountTokensSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(z.looseObject({ role: z.string(), content: z.unknown() })),
});

/** Anthropic Messages on both sides of the gateway (protocol-adapter.ts). */
export const anthropicMessagesAdapter: ProtocolAdapter = {
  protocol: 'anthropic-messages',

  readRoutableRequest: (body) => readRoutableRequest(anthropicMessagesRoutableSchema, body, isRoutableAnthropicMessagesRequest),

  rewriteSameProtocol(body, upstreamModel, systemPrompt) {
    body['model'] = upstreamModel;
    if (systemPrompt !== undefined) body['system'] = prependAnthropicSystemPrompt(body['system'], systemPrompt);
  },

  translateRequest(body, context) {
    const request = convertAnthropicMessagesRequestToCanonical(body);
    return { request, writer: new AnthropicMessagesAnswerWriter(firstAnswerId(context.requestId, 'msg'), context.model) };
  },

  renderError: (error, requestId) => toAnthropicMessagesErrorBody(error, requestId),

  renderUpstreamError: (_status, error, requestId) => ({
    type: 'error',
    error: { type: mapToAnthropicMessagesErrorType(error.errorType), message: error.message },
    request_id: requestId,
  }),

  renderStreamFailure: (error: GatewayError, context) => formatSseEvent(JSON.stringify(toAnthropicMessagesErrorBody(error, context.requestId)), 'error'),

  upstreamPath: (basePath) => anthropicMessagesApiPath(basePath, '/messages'),
  buildUpstreamRequest: (request) => convertToAnthropicMessagesRequest(request),
  readUpstreamResponse: (body, nowSeconds) => convertAnthropicMessagesResponseToCanonical(body, { createdSeconds: nowSeconds }),
  createStreamDecoder: () => createAnthropicMessagesStreamDecoder(),
  readUpstreamError: (body) => parseAnthropicMessagesErrorBody(body),
};

/** The injected prompt becomes the first system text block (a string system prompt becomes blocks' equivalent: text joined). */
function prependAnthropicSystemPrompt(system: unknown, systemPrompt: string): unknown {
  if (typeof system === 'string') return system === '' ? systemPrompt : `${systemPrompt}\n\n${system}`;
  if (Array.isArray(system)) return [{ type: 'text', text: systemPrompt }, ...system];
  return systemPrompt;
}
