import type { GatewayError } from '../../errors/gateway-error.ts';
import { formatSseEvent } from '../../streaming/format-sse-event.ts';
import { createIdSource } from '../../translation/create-id-source.ts';
import type { ProtocolAdapter } from '../../translation/protocol-adapter.ts';
import { readRoutableRequest } from '../../translation/read-routable-request.ts';
import { toOpenAIChatErrorBody } from '../openai-chat/to-openai-chat-error-body.ts';
import { collectOpenAIResponsesTools } from './collect-openai-responses-tools.ts';
import { convertOpenAIResponsesRequestToCanonical } from './convert-openai-responses-request-to-canonical.ts';
import { convertOpenAIResponsesResponseToCanonical } from './convert-openai-responses-response-to-canonical.ts';
import { convertOpenAIResponsesToolsToCanonical } from './convert-openai-responses-tools-to-canonical.ts';
import { convertToOpenAIResponsesRequest } from './convert-to-openai-responses-request.ts';
import { convertToOpenAIResponsesResponse } from './convert-to-openai-responses-response.ts';
import { createOpenAIResponsesStreamDecoder } from './create-openai-responses-stream-decoder.ts';
import { createOpenAIResponsesStreamEncoder } from './create-openai-responses-stream-encoder.ts';
import { mapToOpenAIResponsesErrorCode } from './map-to-openai-responses-error-code.ts';
import { type OpenAIResponsesRequest, openaiResponsesRequestSchema } from './openai-responses-wire-schema.ts';
import { parseOpenAIResponsesErrorBody } from './parse-openai-responses-error-body.ts';
import { toOpenAIResponsesErrorBody } from './to-openai-responses-error-body.ts';

/** The OpenAI Responses API on both sides of the gateway (protocol-adapter.ts). */
export const openaiResponsesAdapter: ProtocolAdapter = {
  protocol: 'openai-responses',

  readRoutableRequest: (body) => readRoutableRequest(openaiResponsesRequestSchema, body),

  rewriteSameProtocol(body, upstreamModel, systemPrompt) {
    body['model'] = upstreamModel;
    if (systemPrompt !== undefined) {
      const instructions = body['instructions'];
      body['instructions'] = typeof instructions === 'string' && instructions !== '' ? `${systemPrompt}\n\n${instructions}` : systemPrompt;
    }
  },

  translateRequest(body, context) {
    const clientRequest = body as OpenAIResponsesRequest;
    const request = convertOpenAIResponsesRequestToCanonical(clientRequest);
    // The tools were checked by the conversion above; read again here only for which ones were custom or namespaced.
    const toolOrigins = convertOpenAIResponsesToolsToCanonical(collectOpenAIResponsesTools(clientRequest)).value.origins;
    const idSource = createIdSource(context.requestId);
    const id = idSource('resp');
    return {
      request,
      writer: {
        encodeResponse: (response) => convertToOpenAIResponsesResponse(response, { id, idSource, toolOrigins, request: clientRequest }),
        createStreamEncoder: () =>
          createOpenAIResponsesStreamEncoder({ id, model: context.model, createdSeconds: context.nowSeconds, idSource, toolOrigins, request: clientRequest }),
      },
    };
  },

  renderError: (error) => toOpenAIResponsesErrorBody(error),

  renderUpstreamError: (_status, error) => ({ error: { message: error.message, type: error.errorType, code: null, param: null } }),

  /**
   * Fast path only (a translated stream ends through its encoder): `error`, then `response.failed`, which
   * is what Codex waits for; the response snapshot is minimal, the events before it were the provider's.
   */
  renderStreamFailure(error: GatewayError, context) {
    const body = toOpenAIChatErrorBody(error).error;
    const failed = {
      id: createIdSource(context.requestId)('resp'),
      object: 'response',
      created_at: context.nowSeconds,
      status: 'failed',
      model: context.model,
      output: [],
      error: { code: mapToOpenAIResponsesErrorCode(body.type), message: body.message },
    };
    return (
      formatSseEvent(JSON.stringify({ type: 'error', code: body.code, message: body.message, param: null }), 'error') +
      formatSseEvent(JSON.stringify({ type: 'response.failed', response: failed }), 'response.failed')
    );
  },

  upstreamPath: (basePath) => `${basePath}/responses`,
  buildUpstreamRequest: (request) => convertToOpenAIResponsesRequest(request),
  readUpstreamResponse: (body) => convertOpenAIResponsesResponseToCanonical(body),
  createStreamDecoder: () => createOpenAIResponsesStreamDecoder(),
  readUpstreamError: (body) => parseOpenAIResponsesErrorBody(body),
};
