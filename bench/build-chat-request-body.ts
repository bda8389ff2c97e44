/** The chat request every cell sends (wrk, the preflight, the time-to-first-byte loop): small and typical. */
export function buildChatRequestBody(stream: boolean, model = 'gpt-4o-mini'): string {
  return JSON.stringify({
    model,
    messages: [
      { role: 'system', content: 'You are a helpful assistant.' },
      { role: 'user', content: 'Say hello and offer help, in one short sentence.' },
    ],
    temperature: 0.2,
    max_tokens: 64,
    stream,
  });
}
