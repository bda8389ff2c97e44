/** The three API protocols the gateway speaks, on either side. */
export type WireProtocol = 'openai-chat' | 'anthropic-messages' | 'openai-responses';
