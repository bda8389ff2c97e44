/**
 * What bench/mock-upstream.ts answers, built once: a fixed `chat.completion`, or its stream (the first
 * chunk carries the role and the first token together, then one chunk per token, the finish chunk, the
 * usage chunk when asked for, `data: [DONE]`). The preflight checks that a target relays exactly
 * `mockAnswerText`; bench/translate-stream.bench.ts feeds the same stream to the gateway's translation.
 */
export const mockAnswerTokens: readonly string[] = ['Hello', '!', ' How', ' can', ' I', ' help', ' you', ' today', '?'];
export const mockAnswerText = mockAnswerTokens.join('');

const created = 1_767_225_600;
const completionId = 'chatcmpl-bench0000000000000000000000';
const upstreamModel = 'gpt-4o-mini-2024-07-18';
const usage = { prompt_tokens: 19, completion_tokens: mockAnswerTokens.length, total_tokens: 19 + mockAnswerTokens.length };

export const mockCompletionBody = Buffer.from(
  JSON.stringify({
    id: completionId,
    object: 'chat.completion',
    created,
    model: upstreamModel,
    choices: [{ index: 0, message: { role: 'assistant', content: mockAnswerText, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage,
    system_fingerprint: 'fp_bench',
  }),
);

function toSseEvent(payload: unknown): Buffer {
  return Buffer.from(`data: ${JSON.stringify(payload)}\n\n`);
}

function chunkPayload(delta: Record<string, unknown>, finishReason: string | null): Record<string, unknown> {
  return {
    id: completionId,
    object: 'chat.completion.chunk',
    created,
    model: upstreamModel,
    system_fingerprint: 'fp_bench',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  };
}

const contentChunks: readonly Buffer[] = [
  toSseEvent(chunkPayload({ role: 'assistant', content: mockAnswerTokens[0], refusal: null }, null)),
  ...mockAnswerTokens.slice(1).map((token) => toSseEvent(chunkPayload({ content: token }, null))),
  toSseEvent(chunkPayload({}, 'stop')),
];
const usageChunk = toSseEvent({ ...chunkPayload({}, null), choices: [], usage });
const doneChunk = Buffer.from('data: [DONE]\n\n');

/** The stream's writes, in order (the usage chunk when the request asked for `stream_options.include_usage`). */
export function buildMockStreamChunks(includeUsage: boolean): Buffer[] {
  return includeUsage ? [...contentChunks, usageChunk, doneChunk] : [...contentChunks, doneChunk];
}
