import type { SdkClients } from './create-sdk-clients.ts';
import type { SdkProtocol } from './sdk-protocol.ts';

/** The endpoint of each client protocol, relative to its SDK's base URL. */
const endpointPaths = {
  'openai-chat': '/chat/completions',
  'openai-responses': '/responses',
  'anthropic-messages': '/v1/messages',
} as const satisfies Record<SdkProtocol, string>;

/**
 * Posts a body the SDK's typed methods would not let through (a missing field, a wrong type, or bytes that
 * are not JSON at all) with the SDK's own low-level `post`, so the answer is still classified by the SDK's
 * error classes. A string is sent verbatim as the body; anything else as JSON.
 */
export function postRawWithSdk(clients: SdkClients, protocol: SdkProtocol, body: string | Record<string, unknown>): Promise<unknown> {
  const options = typeof body === 'string' ? { body: new TextEncoder().encode(body), headers: { 'content-type': 'application/json' } } : { body };
  return protocol === 'anthropic-messages' ? clients.anthropic.post(endpointPaths[protocol], options) : clients.openai.post(endpointPaths[protocol], options);
}
