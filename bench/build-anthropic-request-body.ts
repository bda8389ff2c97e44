/**
 * The Anthropic Messages request of the translated target: the same conversation as
 * bench/build-chat-request-body.ts (system prompt, one user message, temperature, max_tokens 64), in the
 * Messages shape, where the system prompt is a top-level field.
 */
export function buildAnthropicRequestBody(stream: boolean, model = 'gpt-4o-mini'): string {
  return JSON.stringify({
    model,
    system: 'You are a helpful assistant.',
    messages: [{ role: 'user', content: 'Say hello and offer help, in one short sentence.' }],
    temperature: 0.2,
    max_tokens: 64,
    stream,
  });
}
