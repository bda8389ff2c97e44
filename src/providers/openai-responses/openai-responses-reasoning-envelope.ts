/**
 * Prefixes that let a Responses client carry another provider's opaque reasoning data in a reasoning
 * item's `encrypted_content`. A Responses client (Codex) sends its reasoning items back verbatim on the
 * next turn, so an Anthropic thinking `signature` (or `redacted_thinking.data`) wrapped here comes back
 * and is unwrapped into the canonical field: tool loops with thinking keep working without gateway state.
 * OpenAI's own encrypted content is Fernet (`gAAAA…`) and never starts with these.
 */
export const openaiResponsesReasoningEnvelope = {
  signature: 'llm-proxy:signature:',
  redactedData: 'llm-proxy:redacted:',
} as const;
