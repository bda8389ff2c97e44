import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import type { StreamPart } from '../../canonical/stream-part.ts';
import { createSseDecoder, type SseEvent } from '../../streaming/create-sse-decoder.ts';
import { formatSseEvent } from '../../streaming/format-sse-event.ts';
import { createOpenAIResponsesStreamDecoder } from './create-openai-responses-stream-decoder.ts';

const sseFixture = (name: string): SseEvent[] => {
  const decoder = createSseDecoder();
  return [...decoder.push(readFileSync(new URL(`../../../../shared/fixtures/responses/${name}`, import.meta.url))), ...decoder.end()];
};

function decode(events: readonly SseEvent[]): StreamPart[][] {
  const decoder = createOpenAIResponsesStreamDecoder();
  return [...events.map((event) => decoder.push(event)), decoder.end()];
}
const decodeAll = (events: readonly SseEvent[]): StreamPart[] => decode(events).flat();
const events = (...payloads: Record<string, unknown>[]): SseEvent[] =>
  payloads.map((payload, index) => ({ event: String(payload['type']), data: JSON.stringify({ ...payload, sequence_number: index }) }));

test('stream-text: parts as the events arrive, usage and one finish at response.completed', () => {
  const perEvent = decode(sseFixture('stream-text.sse'));
  assert.deepEqual(perEvent[0], [{ type: 'response-start', id: 'resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654', model: 'gpt-5.4' }]);
  assert.deepEqual(perEvent[3], [{ type: 'text-start', index: 0 }], 'content_part.added opens the text block');
  assert.deepEqual(perEvent[4], [{ type: 'text-delta', index: 0, delta: 'Hi' }], 'each delta is emitted at once');
  assert.deepEqual(perEvent.at(-1), [], 'nothing is held back for the end');
  assert.deepEqual(decodeAll(sseFixture('stream-text.sse')), [
    { type: 'response-start', id: 'resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654', model: 'gpt-5.4' },
    { type: 'text-start', index: 0 },
    ...['Hi', ' there', '!', ' How', ' can', ' I', ' assist', ' you', ' today', '?'].map((delta) => ({ type: 'text-delta' as const, index: 0, delta })),
    { type: 'text-end', index: 0 },
    { type: 'usage', usage: { inputTokens: 37, outputTokens: 11, totalTokens: 48, cachedInputTokens: 0, cacheWriteInputTokens: 0, reasoningTokens: 0 } },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'completed' } },
  ]);
});

test('stream-function-call: call_id is the tool-call id, arguments streamed, finish tool-calls', () => {
  assert.deepEqual(decodeAll(sseFixture('stream-function-call.sse')), [
    { type: 'response-start', id: 'resp_67ca09c5efe0819096d0511c92b8c890096610f474011cc0', model: 'gpt-4.1-2025-04-14' },
    { type: 'tool-call-start', index: 0, id: 'call_unLAR8MvFNptuiZK6K6HCy5k', name: 'get_weather' },
    ...['{"', 'location', '":"', 'Paris', ',', ' France', '"}'].map((delta) => ({ type: 'tool-input-delta' as const, index: 0, delta })),
    { type: 'tool-call-end', index: 0 },
    { type: 'usage', usage: { inputTokens: 62, outputTokens: 17, totalTokens: 79, cachedInputTokens: 0, cacheWriteInputTokens: 0, reasoningTokens: 0 } },
    { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'completed' } },
  ]);
});

test('stream-reasoning: reasoning block with its rs_ id, encrypted_content verbatim on reasoning-end, then text; reasoning tokens', () => {
  assert.deepEqual(decodeAll(sseFixture('stream-reasoning.sse')), [
    { type: 'response-start', id: 'resp_6806bfc9ea8c8191b2a1b4e3f2c8d6a10d3ce51bdffd5476', model: 'o4-mini-2025-04-16' },
    { type: 'reasoning-start', index: 0, id: 'rs_6806bfca0b2481918a5748308061a2600d3ce51bdffd5476' },
    { type: 'reasoning-delta', index: 0, delta: '**Responding to a greeting**' },
    { type: 'reasoning-delta', index: 0, delta: '\n\nThe user just said "Hello!", so' },
    { type: 'reasoning-delta', index: 0, delta: ' I should greet them back and offer help.' },
    { type: 'reasoning-end', index: 0, encryptedContent: 'gAAAAABoBr_M...opaque...' },
    { type: 'text-start', index: 1 },
    ...['Hello', '!', ' How', ' can', ' I', ' help', ' you', ' today', '?'].map((delta) => ({ type: 'text-delta' as const, index: 1, delta })),
    { type: 'text-end', index: 1 },
    { type: 'usage', usage: { inputTokens: 8, outputTokens: 154, totalTokens: 162, cachedInputTokens: 0, cacheWriteInputTokens: 0, reasoningTokens: 128 } },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'completed' } },
  ]);
});

const created = { type: 'response.created', response: { id: 'resp_1', model: 'gpt-5.4', status: 'in_progress', output: [], usage: null } };

test('parallel tool calls keep their own indexes, interleaved argument deltas included', () => {
  const call = (outputIndex: number, callId: string, name: string) => ({
    type: 'response.output_item.added',
    output_index: outputIndex,
    item: { id: `fc_${outputIndex}`, type: 'function_call', status: 'in_progress', arguments: '', call_id: callId, name },
  });
  const argumentsDelta = (outputIndex: number, delta: string) => ({
    type: 'response.function_call_arguments.delta',
    item_id: `fc_${outputIndex}`,
    output_index: outputIndex,
    delta,
  });
  const parts = decodeAll(
    events(
      created,
      { type: 'response.output_item.added', output_index: 0, item: { id: 'msg_0', type: 'message', status: 'in_progress', role: 'assistant', content: [] } },
      { type: 'response.content_part.added', item_id: 'msg_0', output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } },
      { type: 'response.output_text.delta', item_id: 'msg_0', output_index: 0, content_index: 0, delta: 'Checking both.' },
      { type: 'response.output_text.done', item_id: 'msg_0', output_index: 0, content_index: 0, text: 'Checking both.' },
      call(1, 'call_a', 'get_weather'),
      call(2, 'call_b', 'get_time'),
      argumentsDelta(1, '{"city":'),
      argumentsDelta(2, '{"tz":"CET"}'),
      argumentsDelta(1, '"Paris"}'),
      { type: 'response.function_call_arguments.done', item_id: 'fc_2', output_index: 2, name: 'get_time', arguments: '{"tz":"CET"}' },
      { type: 'response.function_call_arguments.done', item_id: 'fc_1', output_index: 1, name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'response.completed', response: { id: 'resp_1', status: 'completed', output: [] } },
    ),
  );
  assert.deepEqual(parts, [
    { type: 'response-start', id: 'resp_1', model: 'gpt-5.4' },
    { type: 'text-start', index: 0 },
    { type: 'text-delta', index: 0, delta: 'Checking both.' },
    { type: 'text-end', index: 0 },
    { type: 'tool-call-start', index: 1, id: 'call_a', name: 'get_weather' },
    { type: 'tool-call-start', index: 2, id: 'call_b', name: 'get_time' },
    { type: 'tool-input-delta', index: 1, delta: '{"city":' },
    { type: 'tool-input-delta', index: 2, delta: '{"tz":"CET"}' },
    { type: 'tool-input-delta', index: 1, delta: '"Paris"}' },
    { type: 'tool-call-end', index: 2 },
    { type: 'tool-call-end', index: 1 },
    { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'completed' } },
  ]);
});

test('a backend that sends only output_item.done still decodes; two summary parts are joined by a blank line; a refusal is text', () => {
  const parts = decodeAll(
    events(
      created,
      { type: 'response.output_item.added', output_index: 0, item: { id: 'rs_9', type: 'reasoning', summary: [] } },
      { type: 'response.reasoning_summary_part.added', item_id: 'rs_9', output_index: 0, summary_index: 0, part: { type: 'summary_text', text: '' } },
      { type: 'response.reasoning_summary_text.delta', item_id: 'rs_9', output_index: 0, summary_index: 0, delta: 'One' },
      { type: 'response.reasoning_summary_part.added', item_id: 'rs_9', output_index: 0, summary_index: 1, part: { type: 'summary_text', text: '' } },
      { type: 'response.reasoning_summary_text.done', item_id: 'rs_9', output_index: 0, summary_index: 1, text: 'Two' },
      { type: 'response.output_item.done', output_index: 0, item: { id: 'rs_9', type: 'reasoning', summary: [] } },
      {
        type: 'response.output_item.done',
        output_index: 1,
        item: { id: 'msg_1', type: 'message', role: 'assistant', content: [{ type: 'refusal', refusal: 'No.' }] },
      },
      { type: 'response.output_item.done', output_index: 2, item: { id: 'fc_2', type: 'function_call', call_id: 'call_z', name: 'f', arguments: '{}' } },
      {
        type: 'response.incomplete',
        response: {
          id: 'resp_1',
          status: 'incomplete',
          incomplete_details: { reason: 'max_output_tokens' },
          usage: { input_tokens: 3, output_tokens: 4, total_tokens: 7 },
        },
      },
    ),
  );
  assert.deepEqual(parts, [
    { type: 'response-start', id: 'resp_1', model: 'gpt-5.4' },
    { type: 'reasoning-start', index: 0, id: 'rs_9' },
    { type: 'reasoning-delta', index: 0, delta: 'One' },
    { type: 'reasoning-delta', index: 0, delta: '\n\n' },
    { type: 'reasoning-delta', index: 0, delta: 'Two' },
    { type: 'reasoning-end', index: 0 },
    { type: 'text-start', index: 1 },
    { type: 'text-delta', index: 1, delta: 'No.' },
    { type: 'text-end', index: 1 },
    { type: 'tool-call-start', index: 2, id: 'call_z', name: 'f' },
    { type: 'tool-input-delta', index: 2, delta: '{}' },
    { type: 'tool-call-end', index: 2 },
    { type: 'usage', usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 } },
    { type: 'finish', finishReason: { unified: 'length', raw: 'max_output_tokens' } },
  ]);
});

test('content_filter -> content-filter; usage with cached tokens', () => {
  const parts = decodeAll(
    events(created, {
      type: 'response.incomplete',
      response: {
        id: 'resp_1',
        status: 'incomplete',
        incomplete_details: { reason: 'content_filter' },
        usage: { input_tokens: 100, input_tokens_details: { cached_tokens: 64 }, output_tokens: 1, total_tokens: 101 },
      },
    }),
  );
  assert.deepEqual(parts.slice(1), [
    { type: 'usage', usage: { inputTokens: 100, outputTokens: 1, totalTokens: 101, cachedInputTokens: 64 } },
    { type: 'finish', finishReason: { unified: 'content-filter', raw: 'content_filter' } },
  ]);
});

test('in-band errors: `error` then response.failed give one error part and one finish; nothing after', () => {
  const decoder = createOpenAIResponsesStreamDecoder();
  const [createdEvent, ...rest] = events(
    created,
    { type: 'response.output_item.added', output_index: 0, item: { id: 'msg_0', type: 'message', content: [] } },
    { type: 'response.output_text.delta', item_id: 'msg_0', output_index: 0, content_index: 0, delta: 'Hel' },
    { type: 'error', code: 'rate_limit_exceeded', message: 'Slow down', param: null },
    { type: 'response.output_text.delta', item_id: 'msg_0', output_index: 0, content_index: 0, delta: 'lo' },
    { type: 'response.failed', response: { id: 'resp_1', status: 'failed', error: { code: 'rate_limit_exceeded', message: 'Slow down' } } },
  );
  assert.ok(createdEvent !== undefined);
  assert.equal(decoder.push(createdEvent).length, 1);
  assert.deepEqual(
    rest.flatMap((event) => decoder.push(event)),
    [
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'Hel' },
      { type: 'error', errorType: 'rate_limit_exceeded', message: 'Slow down' },
      { type: 'finish', finishReason: { unified: 'error', raw: 'failed' } },
    ],
  );
  assert.deepEqual(decoder.end(), []);
});

test('response.failed alone is an error; a stream that just stops is an error at end()', () => {
  assert.deepEqual(
    decodeAll(
      events(created, { type: 'response.failed', response: { id: 'resp_1', status: 'failed', error: { code: 'server_error', message: 'Boom' } } }),
    ).slice(1),
    [
      { type: 'error', errorType: 'server_error', message: 'Boom' },
      { type: 'finish', finishReason: { unified: 'error', raw: 'failed' } },
    ],
  );
  assert.deepEqual(decodeAll(events(created, { type: 'response.output_text.delta', output_index: 0, content_index: 0, delta: 'Hi' })).slice(1), [
    { type: 'text-start', index: 0 },
    { type: 'text-delta', index: 0, delta: 'Hi' },
    { type: 'error', errorType: 'server_error', message: 'The upstream stream ended before the response was complete.' },
    { type: 'finish', finishReason: { unified: 'error', raw: undefined } },
  ]);
});

test('junk, keepalives and unknown events are skipped; data-only events are read by their JSON type', () => {
  const decoder = createOpenAIResponsesStreamDecoder();
  assert.deepEqual(decoder.push({ event: undefined, data: 'not json' }), []);
  assert.deepEqual(decoder.push({ event: 'keepalive', data: '{"type":"keepalive"}' }), []);
  assert.deepEqual(decoder.push({ event: undefined, data: '{"type":"response.web_search_call.searching","output_index":0}' }), []);
  assert.deepEqual(decoder.push({ event: undefined, data: JSON.stringify(created) }), [{ type: 'response-start', id: 'resp_1', model: 'gpt-5.4' }]);
  const formatted = formatSseEvent(JSON.stringify({ type: 'response.completed', response: { id: 'resp_1', status: 'completed' } }));
  const sse = createSseDecoder().push(Buffer.from(formatted));
  assert.deepEqual(
    sse.flatMap((event) => decoder.push(event)),
    [{ type: 'finish', finishReason: { unified: 'stop', raw: 'completed' } }],
  );
});
