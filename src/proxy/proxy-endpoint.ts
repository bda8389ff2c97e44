import type { z } from 'zod';
import { validateRequestBody } from '../server/validate-request-body.ts';
import type { ProtocolAdapter, RoutableRequest } from '../translation/protocol-adapter.ts';

/** One client endpoint the gateway proxies. */
export interface ProxyEndpoint {
  /** The client's protocol: its validation, fast-path rewrite, translation and error shapes. */
  readonly adapter: ProtocolAdapter;
  /**
   * Endpoints only OpenAI APIs have (`/v1/completions`, `/v1/embeddings`): validated with `schema`, sent
   * to `upstreamPath` of an OpenAI-API provider with only the model rewritten, never translated.
   */
  readonly openaiOnly?: {
    readonly upstreamPath: string;
    readonly schema: z.ZodType<{ model: string; stream?: boolean | null | undefined }>;
  };
  /**
   * Anthropic's `/v1/messages/count_tokens`: relayed to an Anthropic provider (at `upstreamPath` after
   * its `/v1`), estimated by the gateway for any other (answer-estimated-token-count.ts).
   */
  readonly countTokens?: {
    readonly upstreamPath: string;
    readonly schema: z.ZodType<{ model: string }>;
  };
}

/** The fields routing needs, checked by the endpoint's own schema (OpenAI-only, count_tokens) or its protocol's. */
export function readEndpointRequest(endpoint: ProxyEndpoint, body: unknown): RoutableRequest {
  const schema = endpoint.openaiOnly?.schema ?? endpoint.countTokens?.schema;
  if (schema === undefined) return endpoint.adapter.readRoutableRequest(body);
  const request = validateRequestBody(schema, body) as RoutableRequest['body'] & { model: string; stream?: boolean | null };
  return { model: request.model, stream: request.stream === true, body: request };
}
