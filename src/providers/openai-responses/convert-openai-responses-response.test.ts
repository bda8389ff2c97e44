import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import type { CanonicalResponse } from '../../canonical/canonical-response.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { convertOpenAIResponsesResponseToCanonical } from './convert-openai-responses-response-to-canonical.ts';
import { convertOpenAIResponsesToolsToCanonical } from './convert-openai-responses-tools-to-canonical.ts';
import { convertToOpenAIResponsesResponse } from './convert-to-openai-responses-response.ts';
import type { OpenAIResponsesIdSource } from './openai-responses-output-types.ts';
import { openaiResponsesRequestSchema } from './openai-responses-wire-schema.ts';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../../../shared/fixtures/responses/${name}`, import.meta.url), 'utf8'));

/** Hands out the given ids in order, then counts. */
function idsFrom(...ids: string[]): OpenAIResponsesIdSource {
  let count = 0;
  return (prefix) => ids.shift() ?? `${prefix}_${++count}`;
}

test('nonstream-text -> canonical', () => {
  assert.deepEqual(convertOpenAIResponsesResponseToCanonical(fixture('nonstream-text.json')), {
    value: {
      id: 'resp_689a0b2545288193953c892439b42e2800b2e36c65a1fd4b',
      model: 'gpt-4o-mini-2024-07-18',
      createdSeconds: 1754925861,
      content: [
        {
          type: 'text',
          text: "I can't provide real-time updates, but you can easily check the current weather in San Francisco using a weather website or app. Typically, San Francisco has cool, foggy summers and mild winters, so it's good to be prepared for variable weather!",
        },
      ],
      finishReason: { unified: 'stop', raw: 'completed' },
      usage: { inputTokens: 14, outputTokens: 50, totalTokens: 64, cachedInputTokens: 0, cacheWriteInputTokens: 0, reasoningTokens: 0 },
    },
    warnings: [],
  });
});

test('nonstream-function-call -> canonical: a completed response with a function_call finished for tool calls', () => {
  const { value } = convertOpenAIResponsesResponseToCanonical(fixture('nonstream-function-call.json'));
  assert.deepEqual(value.content, [
    { type: 'tool-call', id: 'call_unLAR8MvFNptuiZK6K6HCy5k', name: 'get_current_weather', arguments: '{"location":"Boston, MA","unit":"celsius"}' },
  ]);
  assert.deepEqual(value.finishReason, { unified: 'tool-calls', raw: 'completed' });
  assert.deepEqual(value.usage, { inputTokens: 291, outputTokens: 23, totalTokens: 314, cachedInputTokens: 0, cacheWriteInputTokens: 0, reasoningTokens: 0 });
});

/** Fields where the gateway's echo legitimately differs from OpenAI's: it stores nothing, and runs on no tier. */
const echoDifferences = { store: false };

test('nonstream-text round trip: the fixture comes back (item id from the id source, settings echoed from the request)', () => {
  const original = fixture('nonstream-text.json');
  const canonical = convertOpenAIResponsesResponseToCanonical(original).value;
  const { value, warnings } = convertToOpenAIResponsesResponse(canonical, {
    idSource: idsFrom('msg_689a0b2637b08193ac478e568f49e3f900b2e36c65a1fd4b'),
    request: openaiResponsesRequestSchema.parse(fixture('nonstream-text.request.json')),
  });
  assert.deepEqual(value, { ...original, ...echoDifferences, completed_at: 1754925861 });
  assert.deepEqual(warnings, []);
});

test('nonstream-function-call round trip: call_id passes through, fc_ id minted, tools echoed as the client sent them', () => {
  const original = fixture('nonstream-function-call.json');
  const canonical = convertOpenAIResponsesResponseToCanonical(original).value;
  const request = openaiResponsesRequestSchema.parse(fixture('nonstream-function-call.request.json'));
  const { value } = convertToOpenAIResponsesResponse(canonical, {
    idSource: idsFrom('fc_67ca09c6bedc8190a7abfec07b1a1332096610f474011cc0'),
    request,
    completedSeconds: 1741294022,
  });
  // OpenAI echoes the tool with `strict: true` filled in; the gateway echoes what the client sent. This
  // documented example leaves out some fields a live response has; the gateway always writes them.
  const expectedTools = fixture('nonstream-function-call.request.json')['tools'];
  const actual: Record<string, unknown> = { ...value };
  assert.deepEqual(pick(actual, Object.keys(original)), {
    ...original,
    ...echoDifferences,
    tools: expectedTools,
    text: { format: { type: 'text' }, verbosity: 'medium' },
  });
  assert.deepEqual(
    Object.keys(actual)
      .filter((key) => !(key in original))
      .sort(),
    ['background', 'max_tool_calls', 'prompt_cache_key', 'safety_identifier', 'service_tier', 'top_logprobs'],
  );
});

function pick(object: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, object[key]]));
}

const fromAnthropic: CanonicalResponse = {
  id: 'msg_013Zva2CMHLNnXjNJJKqJ2EF',
  model: 'claude-opus-4-5',
  createdSeconds: 1700000000,
  content: [
    { type: 'reasoning', text: 'Let me think.', signature: 'EqQBCkYIBxgC' },
    { type: 'reasoning', text: '', redactedData: 'EmwKAhgB' },
    { type: 'text', text: 'Part one. ' },
    { type: 'text', text: 'Part two.' },
    { type: 'tool-call', id: 'toolu_1', name: 'apply_patch', arguments: '{"input":"*** Begin Patch\\n*** End Patch"}' },
    { type: 'tool-call', id: 'toolu_2', name: 'mcp__github__search_issues', arguments: '{"q":"bug"}' },
    { type: 'tool-call', id: 'toolu_3', name: 'shell', arguments: '{"command":["ls"]}' },
  ],
  finishReason: { unified: 'tool-calls', raw: 'tool_use' },
  usage: { inputTokens: 120, outputTokens: 80, cachedInputTokens: 100, cacheWriteInputTokens: 10, reasoningTokens: 30 },
};

test('canonical from Anthropic -> Response: thinking as reasoning items (signature wrapped), texts share a message, custom and namespaced calls mapped back', () => {
  const { origins } = convertOpenAIResponsesToolsToCanonical([
    { type: 'custom', name: 'apply_patch' },
    { type: 'namespace', name: 'mcp__github__', tools: [{ type: 'function', name: 'search_issues' }] },
    { type: 'function', name: 'shell' },
  ]).value;
  const { value } = convertToOpenAIResponsesResponse(fromAnthropic, { idSource: idsFrom(), toolOrigins: origins });
  assert.equal(value.id, 'resp_msg_013Zva2CMHLNnXjNJJKqJ2EF');
  assert.equal(value.status, 'completed');
  assert.deepEqual(value.output, [
    { id: 'rs_1', type: 'reasoning', encrypted_content: 'llm-proxy:signature:EqQBCkYIBxgC', summary: [{ type: 'summary_text', text: 'Let me think.' }] },
    { id: 'rs_2', type: 'reasoning', encrypted_content: 'llm-proxy:redacted:EmwKAhgB', summary: [] },
    {
      id: 'msg_3',
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [
        { type: 'output_text', annotations: [], logprobs: [], text: 'Part one. ' },
        { type: 'output_text', annotations: [], logprobs: [], text: 'Part two.' },
      ],
    },
    { id: 'ctc_4', type: 'custom_tool_call', status: 'completed', call_id: 'toolu_1', name: 'apply_patch', input: '*** Begin Patch\n*** End Patch' },
    { id: 'fc_5', type: 'function_call', status: 'completed', arguments: '{"q":"bug"}', call_id: 'toolu_2', name: 'search_issues', namespace: 'mcp__github__' },
    { id: 'fc_6', type: 'function_call', status: 'completed', arguments: '{"command":["ls"]}', call_id: 'toolu_3', name: 'shell' },
  ]);
  assert.deepEqual(value.usage, {
    input_tokens: 120,
    input_tokens_details: { cached_tokens: 100, cache_write_tokens: 10 },
    output_tokens: 80,
    output_tokens_details: { reasoning_tokens: 30 },
    total_tokens: 200,
  });
});

test('every finish reason -> status and incomplete_details; a truncated message is incomplete', () => {
  const base: CanonicalResponse = {
    id: 'resp_1',
    model: 'm',
    createdSeconds: 1,
    content: [{ type: 'text', text: 'x' }],
    finishReason: { unified: 'stop', raw: 'end_turn' },
    usage: {},
  };
  const encode = (unified: CanonicalResponse['finishReason']['unified']) =>
    convertToOpenAIResponsesResponse({ ...base, finishReason: { unified, raw: undefined } }, { idSource: idsFrom() }).value;
  for (const unified of ['stop', 'tool-calls', 'other'] as const) {
    const value = encode(unified);
    assert.equal(value.status, 'completed', unified);
    assert.equal(value.incomplete_details, null);
    assert.equal(value.completed_at, 1);
  }
  assert.deepEqual(
    [encode('length').status, encode('length').incomplete_details, (encode('length').output[0] as { status?: string } | undefined)?.status],
    ['incomplete', { reason: 'max_output_tokens' }, 'incomplete'],
  );
  assert.deepEqual([encode('content-filter').status, encode('content-filter').incomplete_details], ['incomplete', { reason: 'content_filter' }]);
  assert.equal(encode('length').completed_at, null);
  assert.deepEqual([encode('error').status, encode('error').error?.code], ['failed', 'server_error']);
});

test('Response -> canonical: incomplete reasons, refusal as text, reasoning kept verbatim, unknown items dropped, failed is an error', () => {
  const { value, warnings } = convertOpenAIResponsesResponseToCanonical({
    id: 'resp_2',
    model: 'o4-mini',
    created_at: 5,
    status: 'incomplete',
    incomplete_details: { reason: 'content_filter' },
    output: [
      {
        id: 'rs_1',
        type: 'reasoning',
        summary: [
          { type: 'summary_text', text: 'A' },
          { type: 'summary_text', text: 'B' },
        ],
        encrypted_content: 'gAAAA-x',
      },
      { id: 'ws_1', type: 'web_search_call', status: 'completed' },
      { id: 'msg_1', type: 'message', role: 'assistant', content: [{ type: 'refusal', refusal: 'I cannot help with that.' }] },
    ],
    usage: { input_tokens: 10, input_tokens_details: { cached_tokens: 4 }, output_tokens: 7, output_tokens_details: { reasoning_tokens: 5 }, total_tokens: 17 },
  });
  assert.deepEqual(value.content, [
    { type: 'reasoning', text: 'A\n\nB', encryptedContent: 'gAAAA-x', id: 'rs_1' },
    { type: 'text', text: 'I cannot help with that.' },
  ]);
  assert.deepEqual(value.finishReason, { unified: 'content-filter', raw: 'content_filter' });
  assert.deepEqual(value.usage, { inputTokens: 10, outputTokens: 7, totalTokens: 17, cachedInputTokens: 4, reasoningTokens: 5 });
  assert.deepEqual(warnings, [
    { type: 'dropped', feature: 'output.web_search_call' },
    { type: 'adjusted', feature: 'refusal', detail: 'returned as text' },
  ]);
  assert.deepEqual(
    convertOpenAIResponsesResponseToCanonical({ id: 'r', status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } }).value.finishReason,
    {
      unified: 'length',
      raw: 'max_output_tokens',
    },
  );
  const upstreamError = (error: unknown) => error instanceof GatewayError && error.code === 'GW_ERR_UPSTREAM_ERROR';
  assert.throws(
    () => convertOpenAIResponsesResponseToCanonical({ id: 'r', status: 'failed', error: { code: 'server_error', message: 'boom' } }),
    upstreamError,
  );
  assert.throws(() => convertOpenAIResponsesResponseToCanonical('<html>'), upstreamError);
});
