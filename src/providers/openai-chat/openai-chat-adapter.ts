import type { GatewayError } from '../../errors/gateway-error.ts';
import { formatSseEvent } from '../../streaming/format-sse-event.ts';
import { firstAnswerId } from '../../translation/create-id-source.ts';
import type { ProtocolAdapter } from '../../translation/protocol-adapter.ts';
import { readRoutableRequest } from '../../translation/read-routable-request.ts';
import { convertOpenAIChatRequestToCanonical } from './convert-openai-chat-request-to-canonical.ts';
import { convertOpenAIChatResponseToCanonical } from './convert-openai-chat-response-to-canonical.ts';
import { convertToOpenAIChatRequest } from './convert-to-openai-chat-request.ts';
import { createOpenAIChatStreamDecoder } from './create-openai-chat-stream-decoder.ts';
import { isRoutableOpenAIChatRequest } from './is-routable-openai-chat-request.ts';
import { OpenAIChatAnswerWriter } from './openai-chat-answer-writer.ts';
import { type OpenAIChatRequest, openaiChatRequestSchema } from './openai-chat-wire-schema.ts';
import { parseOpenAIChatErrorBody } from './parse-openai-chat-error-body.ts';
import { toOpenAIChatErrorBody } from './to-openai-chat-error-body.ts';

/** Chat Completions on both sides of the gateway (protocol-adapter.ts). */
export const openaiChatAdapter: ProtocolAdapter = {
  protocol: 'openai-chat',

  readRoutableRequest: (body) => readRoutableRequest(openaiChatRequestSchema, body, isRoutableOpenAIChatRequest),

  rewriteSameProtocol(body, upstreamModel, systemPrompt) {
    body['model'] = upstreamModel;
    if (systemPrompt !== undefined) body['messages'] = prependOpenAIChatSystemPrompt(body['messages'] as unknown[], systemPrompt);
  },

  translateRequest(body, context) {
    const request = convertOpenAIChatRequestToCanonical(body as OpenAIChatRequest);
    const includeUsage = (body as OpenAIChatRequest).stream_options?.include_usage === true;
    return { request, writer: new OpenAIChatAnswerWriter(firstAnswerId(context.requestId, 'chatcmpl'), context, includeUsage) };
  },

  renderError: (error) => toOpenAIChatErrorBody(error),

  renderUpstreamError: (_status, error) => ({ error: { message: error.message, type: error.errorType, code: null, param: null } }),

  renderStreamFailure: (error: GatewayError) => formatSseEvent(JSON.stringify(toOpenAIChatErrorBody(error))),

  upstreamPath: (basePath) => `${basePath}/chat/completions`,
  buildUpstreamRequest: (request) => convertToOpenAIChatRequest(request),
  readUpstreamResponse: (body) => convertOpenAIChatResponseToCanonical(body),
  createStreamDecoder: () => createOpenAIChatStreamDecoder(),
  readUpstreamError: (body) => parseOpenAIChatErrorBody(body),
};

/**
 * The injected prompt goes first: merged into a leading system message (one system message is what
 * every OpenAI-compatible server accepts), else as a new system message at the start.
 */
function prependOpenAIChatSystemPrompt(messages: unknown[], systemPrompt: string): unknown[] {
  const first = messages[0] as { role?: unknown; content?: unknown } | undefined;
  if (first?.role === 'system' || first?.role === 'developer') {
    if (typeof first.content === 'string') return [{ ...first, content: `${systemPrompt}\n\n${first.content}` }, ...messages.slice(1)];
    if (Array.isArray(first.content)) return [{ ...first, content: [{ type: 'text', text: systemPrompt }, ...first.content] }, ...messages.slice(1)];
  }
  return [{ role: 'system', content: systemPrompt }, ...messages];
}
