import { z } from 'zod';
import { buildAdminOpenAPI } from '../admin/build-admin-openapi.ts';
import { anthropicMessagesCountTokensSchema } from '../providers/anthropic-messages/anthropic-messages-adapter.ts';
import { anthropicMessagesRequestSchema } from '../providers/anthropic-messages/anthropic-messages-wire-schema.ts';
import { openaiChatRequestSchema } from '../providers/openai-chat/openai-chat-wire-schema.ts';
import { openaiCompletionsRequestSchema } from '../providers/openai-completions/openai-completions-wire-schema.ts';
import { openaiEmbeddingsRequestSchema } from '../providers/openai-embeddings/openai-embeddings-wire-schema.ts';
import { openaiResponsesRequestSchema } from '../providers/openai-responses/openai-responses-wire-schema.ts';

/**
 * /openapi.json, generated from the same zod schemas that validate requests, so the document cannot
 * drift from what the gateway accepts.
 */
export function buildOpenAPIDocument(version: string): Record<string, unknown> {
  const openaiError = { description: 'An error in OpenAI format', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  const anthropicError = {
    description: 'An error in Anthropic format',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/AnthropicError' } } },
  };
  const errorResponse = openaiError;
  const proxied = (summary: string, schemaId: string, streams: boolean, error: typeof openaiError = openaiError) => ({
    post: {
      summary,
      security: [{ bearer: [] }, { apiKey: [] }],
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schemaId}` } } } },
      responses: {
        '200': {
          description: streams ? "The provider's answer (JSON, or server-sent events when `stream` is true)" : "The provider's answer",
          content: { 'application/json': {}, ...(streams ? { 'text/event-stream': {} } : {}) },
        },
        '400': error,
        '401': error,
        '403': error,
        '404': error,
        '413': error,
        '429': error,
        '502': error,
        '504': error,
      },
    },
  });
  const schemas = z.toJSONSchema(
    z.object({
      chat: openaiChatRequestSchema,
      responses: openaiResponsesRequestSchema,
      messages: anthropicMessagesRequestSchema,
      countTokens: anthropicMessagesCountTokensSchema.meta({ id: 'AnthropicCountTokensRequest' }),
      completions: openaiCompletionsRequestSchema,
      embeddings: openaiEmbeddingsRequestSchema,
    }),
    { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' },
  ) as { $defs?: Record<string, unknown>; definitions?: Record<string, unknown> };
  const admin = buildAdminOpenAPI();
  return {
    openapi: '3.0.3',
    info: { title: 'llm-proxy', version, description: 'An LLM API gateway speaking the OpenAI and Anthropic protocols.' },
    paths: {
      '/v1/chat/completions': proxied('Chat Completions (also /v2/chat/completions)', 'ChatCompletionRequest', true),
      '/v1/responses': proxied('OpenAI Responses, stateless (also /v2/responses)', 'ResponsesRequest', true),
      '/v1/messages': proxied('Anthropic Messages (also /v2/messages)', 'AnthropicMessagesRequest', true, anthropicError),
      '/v1/messages/count_tokens': proxied(
        'Anthropic token count: relayed to Anthropic providers, estimated for others (x-llm-proxy-token-count: estimated)',
        'AnthropicCountTokensRequest',
        false,
        anthropicError,
      ),
      '/v1/completions': proxied('Completions (legacy)', 'CompletionRequest', true),
      '/v1/embeddings': proxied('Embeddings', 'EmbeddingsRequest', false),
      '/v1/models': {
        get: { summary: "Models the caller's key may use", responses: { '200': { description: 'OpenAI list of models' }, '401': errorResponse } },
      },
      '/health': { get: { summary: 'Liveness', responses: { '200': { description: '{"status":"ok"}' } } } },
      '/health/detailed': { get: { summary: 'Each provider: enabled, last error, cooldown', responses: { '200': { description: 'Provider states' } } } },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { '200': { description: 'Prometheus text format' } } } },
      // DB mode with ADMIN_KEY only (docs/storage.md).
      ...admin.paths,
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        adminBearer: { type: 'http', scheme: 'bearer' },
      },
      schemas: {
        ...(schemas.$defs ?? schemas.definitions ?? {}),
        ...admin.schemas,
        AnthropicError: {
          type: 'object',
          properties: {
            type: { type: 'string', enum: ['error'] },
            error: { type: 'object', properties: { type: { type: 'string' }, message: { type: 'string' } } },
            request_id: { type: 'string' },
          },
        },
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              properties: { message: { type: 'string' }, type: { type: 'string' }, code: { type: 'string' }, param: { type: 'string', nullable: true } },
            },
          },
        },
      },
    },
  };
}
