import type { z } from 'zod';
import type { ProtocolAdapter, RoutableRequest } from '../translation/protocol-adapter.ts';
import { readRoutableRequest } from '../translation/read-routable-request.ts';

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
   * Anthropic's `/v1/messages/count_tokens`: relayed to an Anthropic provider (at `upstreamPath` under its
   * `/v1`, anthropic-messages-api-path.ts), estimated by the gateway for any other (answer-estimated-token-count.ts).
   */
  readonly countTokens?: {
    readonly upstreamPath: string;
    readonly schema: z.ZodType<{ model: string }>;
  };
}

/** The fields routing needs, checked by the endpoint's own schema (OpenAI-only, count_tokens) or its protocol's. */
export function readEndpointRequest(endpoint: ProxyEndpoint, body: unknown): RoutableRequest {
  const schema = endpoint.openaiOnly?.schema ?? endpoint.countTokens?.schema;
  return schema === undefined ? endpoint.adapter.readRoutableRequest(body) : readRoutableRequest(schema, body);
}
