/**
 * The three wire protocols of the ingress x provider matrix. Each is both a client protocol (the official SDK
 * the client runs) and a provider protocol (what the gateway speaks upstream): `openai-chat` is Chat
 * Completions, `openai-responses` the Responses API, `anthropic-messages` Anthropic Messages.
 */
export const sdkProtocols = ['openai-chat', 'openai-responses', 'anthropic-messages'] as const;

export type SdkProtocol = (typeof sdkProtocols)[number];
