import type { ClientProtocol } from './bench-targets.ts';
import { buildAnthropicRequestBody } from './build-anthropic-request-body.ts';
import { buildChatRequestBody } from './build-chat-request-body.ts';

/** One request as a client of `protocol` sends it: used by wrk, the preflight and the time-to-first-byte loop. */
export interface TargetRequest {
  path: string;
  /** Lower-case names; content-type and the client key included (not content-length). */
  headers: Record<string, string>;
  body: string;
}

/** The version header the Anthropic SDK sends; the gateway does not require it, but a real client sends it. */
const anthropicVersion = '2023-06-01';

export function buildTargetRequest(protocol: ClientProtocol, stream: boolean, apiKey: string): TargetRequest {
  switch (protocol) {
    case 'openai-chat':
      return {
        path: '/v1/chat/completions',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: buildChatRequestBody(stream),
      };
    case 'anthropic-messages':
      return {
        path: '/v1/messages',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'anthropic-version': anthropicVersion },
        body: buildAnthropicRequestBody(stream),
      };
  }
}

/** The text that ends every stream of `protocol` (the time-to-first-byte loop checks each stream for it). */
export function streamEndMarker(protocol: ClientProtocol): string {
  return protocol === 'openai-chat' ? 'data: [DONE]' : 'event: message_stop';
}
