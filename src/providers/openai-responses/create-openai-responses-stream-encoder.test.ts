import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import type { StreamPart } from '../../canonical/stream-part.ts';
import { createSseDecoder } from '../../streaming/create-sse-decoder.ts';
import { convertOpenAIResponsesToolsToCanonical } from './convert-openai-responses-tools-to-canonical.ts';
import { createOpenAIResponsesStreamDecoder } from './create-openai-responses-stream-decoder.ts';
import { createOpenAIResponsesStreamEncoder } from './create-openai-responses-stream-encoder.ts';
import type { OpenAIResponsesIdSource } from './openai-responses-output-types.ts';
import { openaiResponsesRequestSchema } from './openai-responses-wire-schema.ts';

type EventData = Record<string, unknown> & { type: string; sequence_number: number };

const fixtureText = (name: string): string => readFileSync(new URL(`../../../../shared/fixtures/responses/${name}`, import.meta.url), 'utf8');

/** SSE text -> event payloads; every event must carry its name in an `event:` line equal to its `type`. */
function parseEvents(text: string): EventData[] {
  const decoder = createSseDecoder();
  return [...decoder.push(Buffer.from(text)), ...decoder.end()].map((event) => {
    const data = JSON.parse(event.data) as EventData;
    assert.equal(event.event, data.type);
    return data;
  });
}

function idsFrom(...ids: string[]): OpenAIResponsesIdSource {
  let count = 0;
  return (prefix) => ids.shift() ?? `${prefix}_${++count}`;
}

function encodeAll(parts: readonly StreamPart[], options: Partial<Parameters<typeof createOpenAIResponsesStreamEncoder>[0]> = {}): string {
  const encoder = createOpenAIResponsesStreamEncoder({ id: 'resp_gw', model: 'gpt-5.4', createdSeconds: 1700000000, idSource: idsFrom(), ...options });
  return parts.map((part) => encoder.encode(part)).join('') + encoder.end();
}

/**
 * Decodes a fixture to canonical parts and encodes it back: every event must match the fixture, with the
 * Response snapshots compared on the fixture's fields (the gateway echoes `store: false`).
 */
function assertRoundTrip(name: string, itemIds: string[]): void {
  const expected = parseEvents(fixtureText(`${name}.sse`));
  const decoder = createOpenAIResponsesStreamDecoder();
  const sse = createSseDecoder();
  const parts = [...sse.push(Buffer.from(fixtureText(`${name}.sse`))), ...sse.end()].flatMap((event) => decoder.push(event));
  const first = recordOf(expected[0], 'response');
  const last = recordOf(expected.at(-1), 'response');
  const actual = parseEvents(
    encodeAll([...parts, ...decoder.end()], {
      id: String(first['id']),
      model: String(first['model']),
      createdSeconds: Number(first['created_at']),
      idSource: idsFrom(...itemIds),
      request: openaiResponsesRequestSchema.parse(JSON.parse(fixtureText(`${name}.request.json`))),
      now: () => Number(last['completed_at']),
    }),
  );
  assert.deepEqual(
    actual.map((event) => event.type),
    expected.map((event) => event.type),
  );
  actual.forEach((event, index) => {
    const wanted = expected[index] as EventData;
    if (wanted['response'] === undefined) {
      assert.deepEqual(event, wanted, `event ${index} (${wanted.type})`);
      return;
    }
    const response = recordOf(event, 'response');
    const wantedResponse = recordOf(wanted, 'response');
    // A live Response carries `text.verbosity`; the documented examples these fixtures follow leave it out.
    const text = { ...(wantedResponse['text'] as object), verbosity: 'medium' };
    assert.deepEqual(pick(response, Object.keys(wantedResponse)), { ...wantedResponse, store: false, text }, `event ${index} (${wanted.type})`);
    assert.deepEqual({ ...event, response: undefined }, { ...wanted, response: undefined });
  });
}

/** A record-valued field of an event (`response`, `item`), `{}` when absent. */
function recordOf(event: EventData | undefined, key: string): Record<string, unknown> {
  return (event?.[key] ?? {}) as Record<string, unknown>;
}

function pick(object: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, object[key]]));
}

test('stream-text round trip: the fixture event by event', () => assertRoundTrip('stream-text', ['msg_67c9fdcf37fc8190ba82116e33fb28c507b8b0ad4e5eb654']));
test('stream-function-call round trip', () => assertRoundTrip('stream-function-call', ['fc_67ca09c6bedc8190a7abfec07b1a1332096610f474011cc0']));
test('stream-reasoning round trip: the rs_ id and encrypted_content come back verbatim', () =>
  assertRoundTrip('stream-reasoning', ['msg_6806bfcc2e7c8191a6e0c1f2d7b4e9a80d3ce51bdffd5476']));

/** What an Anthropic upstream gives: thinking with a signature, two text blocks, two tool calls, usage in two steps. */
const anthropicParts: StreamPart[] = [
  { type: 'response-start', id: 'msg_01', model: 'claude-opus-4-5', usage: { inputTokens: 500, cachedInputTokens: 400, cacheWriteInputTokens: 50 } },
  { type: 'reasoning-start', index: 0 },
  { type: 'reasoning-delta', index: 0, delta: 'Need two ' },
  { type: 'reasoning-delta', index: 0, delta: 'files.' },
  { type: 'reasoning-end', index: 0, signature: 'EqQBCkYIBxgC' },
  { type: 'text-start', index: 1 },
  { type: 'text-delta', index: 1, delta: 'Reading ' },
  { type: 'text-end', index: 1 },
  { type: 'text-start', index: 2 },
  { type: 'text-delta', index: 2, delta: 'both.' },
  { type: 'text-end', index: 2 },
  { type: 'tool-call-start', index: 3, id: 'toolu_a', name: 'read' },
  { type: 'tool-input-delta', index: 3, delta: '' },
  { type: 'tool-input-delta', index: 3, delta: '{"path":"a"}' },
  { type: 'tool-call-end', index: 3 },
  { type: 'tool-call-start', index: 4, id: 'toolu_b', name: 'read' },
  { type: 'tool-input-delta', index: 4, delta: '{"path":"b"}' },
  { type: 'tool-call-end', index: 4 },
  { type: 'usage', usage: { inputTokens: 500, outputTokens: 90, cachedInputTokens: 400, cacheWriteInputTokens: 50, reasoningTokens: 20 } },
  { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' } },
];

test('Anthropic-shaped parts: event grammar, output indexes, sequence numbers, and the full output in response.completed', () => {
  const events = parseEvents(encodeAll(anthropicParts));
  assert.deepEqual(
    events.map((event) => event.sequence_number),
    events.map((_event, index) => index),
  );
  assert.deepEqual(
    events.map((event) => [event.type, event['output_index'] ?? null, event['content_index'] ?? null]),
    [
      ['response.created', null, null],
      ['response.in_progress', null, null],
      ['response.output_item.added', 0, null],
      ['response.reasoning_summary_part.added', 0, null],
      ['response.reasoning_summary_text.delta', 0, null],
      ['response.reasoning_summary_text.delta', 0, null],
      ['response.reasoning_summary_text.done', 0, null],
      ['response.reasoning_summary_part.done', 0, null],
      ['response.output_item.done', 0, null],
      ['response.output_item.added', 1, null],
      ['response.content_part.added', 1, 0],
      ['response.output_text.delta', 1, 0],
      ['response.output_text.done', 1, 0],
      ['response.content_part.done', 1, 0],
      ['response.content_part.added', 1, 1],
      ['response.output_text.delta', 1, 1],
      ['response.output_text.done', 1, 1],
      ['response.content_part.done', 1, 1],
      ['response.output_item.done', 1, null],
      ['response.output_item.added', 2, null],
      ['response.function_call_arguments.delta', 2, null],
      ['response.function_call_arguments.done', 2, null],
      ['response.output_item.done', 2, null],
      ['response.output_item.added', 3, null],
      ['response.function_call_arguments.delta', 3, null],
      ['response.function_call_arguments.done', 3, null],
      ['response.output_item.done', 3, null],
      ['response.completed', null, null],
    ],
  );
  const created = recordOf(events[0], 'response');
  assert.deepEqual([created['status'], created['output'], created['usage']], ['in_progress', [], null]);
  const output = [
    { id: 'rs_1', type: 'reasoning', encrypted_content: 'llm-proxy:signature:EqQBCkYIBxgC', summary: [{ type: 'summary_text', text: 'Need two files.' }] },
    {
      id: 'msg_2',
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [
        { type: 'output_text', text: 'Reading ', annotations: [] },
        { type: 'output_text', text: 'both.', annotations: [] },
      ],
    },
    { id: 'fc_3', type: 'function_call', status: 'completed', arguments: '{"path":"a"}', call_id: 'toolu_a', name: 'read' },
    { id: 'fc_4', type: 'function_call', status: 'completed', arguments: '{"path":"b"}', call_id: 'toolu_b', name: 'read' },
  ];
  assert.deepEqual(
    events.filter((event) => event.type === 'response.output_item.done').map((event) => event['item']),
    output,
  );
  const completed = recordOf(events.at(-1), 'response');
  assert.deepEqual(completed['output'], output);
  assert.equal(completed['status'], 'completed');
  assert.deepEqual(completed['usage'], {
    input_tokens: 500,
    input_tokens_details: { cached_tokens: 400, cache_write_tokens: 50 },
    output_tokens: 90,
    output_tokens_details: { reasoning_tokens: 20 },
    total_tokens: 590,
  });
  assert.equal(events[20]?.['delta'], '{"path":"a"}', 'an empty first argument fragment is not sent');
});

test('custom and namespaced tools: custom_tool_call with its input sent whole at the end; function_call with namespace', () => {
  const { origins } = convertOpenAIResponsesToolsToCanonical([
    { type: 'custom', name: 'apply_patch' },
    { type: 'namespace', name: 'mcp__github__', tools: [{ type: 'function', name: 'search' }] },
  ]).value;
  const events = parseEvents(
    encodeAll(
      [
        { type: 'tool-call-start', index: 0, id: 'call_1', name: 'apply_patch' },
        { type: 'tool-input-delta', index: 0, delta: '{"input":"*** Begin' },
        { type: 'tool-input-delta', index: 0, delta: ' Patch\\n*** End Patch"}' },
        { type: 'tool-call-end', index: 0 },
        { type: 'tool-call-start', index: 1, id: 'call_2', name: 'mcp__github__search' },
        { type: 'tool-input-delta', index: 1, delta: '{}' },
        { type: 'tool-call-end', index: 1 },
        { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' } },
      ],
      { toolOrigins: origins },
    ),
  );
  assert.deepEqual(events.slice(2, 7), [
    {
      type: 'response.output_item.added',
      output_index: 0,
      item: { id: 'ctc_1', type: 'custom_tool_call', status: 'in_progress', call_id: 'call_1', name: 'apply_patch', input: '' },
      sequence_number: 2,
    },
    { type: 'response.custom_tool_call_input.delta', item_id: 'ctc_1', output_index: 0, delta: '*** Begin Patch\n*** End Patch', sequence_number: 3 },
    { type: 'response.custom_tool_call_input.done', item_id: 'ctc_1', output_index: 0, input: '*** Begin Patch\n*** End Patch', sequence_number: 4 },
    {
      type: 'response.output_item.done',
      output_index: 0,
      item: { id: 'ctc_1', type: 'custom_tool_call', status: 'completed', call_id: 'call_1', name: 'apply_patch', input: '*** Begin Patch\n*** End Patch' },
      sequence_number: 5,
    },
    {
      type: 'response.output_item.added',
      output_index: 1,
      item: { id: 'fc_2', type: 'function_call', status: 'in_progress', arguments: '', call_id: 'call_2', name: 'search', namespace: 'mcp__github__' },
      sequence_number: 6,
    },
  ]);
  assert.deepEqual(events.at(-2)?.['item'], {
    id: 'fc_2',
    type: 'function_call',
    status: 'completed',
    arguments: '{}',
    call_id: 'call_2',
    name: 'search',
    namespace: 'mcp__github__',
  });
});

test('length -> response.incomplete with max_output_tokens, the message marked incomplete; content-filter likewise', () => {
  const text: StreamPart[] = [
    { type: 'text-start', index: 0 },
    { type: 'text-delta', index: 0, delta: 'Trunc' },
    { type: 'text-end', index: 0 },
  ];
  const length = parseEvents(encodeAll([...text, { type: 'finish', finishReason: { unified: 'length', raw: 'max_tokens' } }]));
  const terminal = length.at(-1) as EventData;
  assert.equal(terminal.type, 'response.incomplete');
  const response = recordOf(terminal, 'response');
  assert.deepEqual([response['status'], response['incomplete_details'], response['completed_at']], ['incomplete', { reason: 'max_output_tokens' }, null]);
  assert.equal(recordOf(length.at(-2), 'item')['status'], 'incomplete');
  const filtered = recordOf(
    parseEvents(encodeAll([...text, { type: 'finish', finishReason: { unified: 'content-filter', raw: 'refusal' } }])).at(-1),
    'response',
  );
  assert.deepEqual(filtered['incomplete_details'], { reason: 'content_filter' });
});

test('an unfinished stream is closed at end(): open blocks done, then response.completed', () => {
  const events = parseEvents(
    encodeAll([
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'Hi' },
    ]),
  );
  assert.deepEqual(
    events.slice(5).map((event) => event.type),
    ['response.output_text.done', 'response.content_part.done', 'response.output_item.done', 'response.completed'],
  );
});

test('fail(): `error` then `response.failed` with the output so far; nothing after it', () => {
  const encoder = createOpenAIResponsesStreamEncoder({ id: 'resp_gw', model: 'm', createdSeconds: 1, idSource: idsFrom() });
  let text = encoder.encode({ type: 'text-start', index: 0 }) + encoder.encode({ type: 'text-delta', index: 0, delta: 'Hel' });
  text += encoder.fail('overloaded_error', 'Overloaded');
  assert.equal(encoder.encode({ type: 'text-delta', index: 0, delta: 'lo' }), '');
  assert.equal(encoder.end(), '');
  assert.equal(encoder.fail('x', 'y'), '');
  const events = parseEvents(text);
  assert.deepEqual(events.at(-2), { type: 'error', code: 'overloaded_error', message: 'Overloaded', param: null, sequence_number: 5 });
  const failed = events.at(-1) as EventData;
  assert.equal(failed.type, 'response.failed');
  const response = recordOf(failed, 'response');
  assert.deepEqual([response['status'], response['error'], response['usage']], ['failed', { code: 'server_error', message: 'Overloaded' }, null]);
  assert.deepEqual(response['output'], [
    { id: 'msg_1', type: 'message', status: 'in_progress', role: 'assistant', content: [{ type: 'output_text', text: 'Hel', annotations: [] }] },
  ]);

  const early = parseEvents(
    createOpenAIResponsesStreamEncoder({ id: 'resp_gw', model: 'm', createdSeconds: 1, idSource: idsFrom() }).encode({
      type: 'error',
      errorType: 'rate_limit_error',
      message: 'Slow down',
    }),
  );
  assert.deepEqual(
    early.map((event) => event.type),
    ['response.created', 'response.in_progress', 'error', 'response.failed'],
  );
  assert.deepEqual(recordOf(early[3], 'response')['error'], { code: 'rate_limit_exceeded', message: 'Slow down' });
});

test('the openai SDK reads the stream: its accumulated final response equals response.completed, output_text included', async () => {
  const { default: OpenAI } = await import('openai');
  const body = encodeAll(anthropicParts);
  const client = new OpenAI({
    apiKey: 'test',
    baseURL: 'http://gateway.invalid/v1',
    fetch: async () => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
  });
  const stream = client.responses.stream({ model: 'gpt-5.4', input: 'Read both files.' });
  const seen: string[] = [];
  stream.on('event', (event) => seen.push(event.type));
  const final = await stream.finalResponse();
  const completed = recordOf(parseEvents(body).at(-1), 'response');
  // The SDK's parse helpers add `parsed` / `parsed_arguments` (null without a schema).
  const withoutParsed = JSON.parse(JSON.stringify(final.output, (key, value: unknown) => (key === 'parsed' || key === 'parsed_arguments' ? undefined : value)));
  assert.deepEqual(withoutParsed, completed['output']);
  assert.equal(final.output_text, 'Reading both.');
  assert.equal(final.status, 'completed');
  assert.equal(seen.length, parseEvents(body).length);
});
