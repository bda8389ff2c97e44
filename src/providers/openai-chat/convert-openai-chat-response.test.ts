import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import type { CanonicalResponse } from '../../canonical/canonical-response.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { convertOpenAIChatResponseToCanonical } from './convert-openai-chat-response-to-canonical.ts';
import { convertToOpenAIChatResponse } from './convert-to-openai-chat-response.ts';

type Json = Record<string, unknown>;

const readFixture = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../../../../shared/fixtures/openai-chat/${name}`, import.meta.url), 'utf8')) as Json;

test('nonstream-text.json -> canonical', () => {
  assert.deepEqual(convertOpenAIChatResponseToCanonical(readFixture('nonstream-text.json')), {
    value: {
      id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT',
      model: 'gpt-5.4',
      createdSeconds: 1741569952,
      content: [{ type: 'text', text: 'Hello! How can I assist you today?' }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: { inputTokens: 19, outputTokens: 10, totalTokens: 29, cachedInputTokens: 0, reasoningTokens: 0 },
    },
    warnings: [],
  });
});

test('nonstream-tool-calls.json -> canonical: two parallel calls, ids and argument strings passed through', () => {
  assert.deepEqual(convertOpenAIChatResponseToCanonical(readFixture('nonstream-tool-calls.json')), {
    value: {
      id: 'chatcmpl-ABfvyvfNWKcl7Ohqos4UFrmMs1v4C',
      model: 'gpt-4o-2024-08-06',
      createdSeconds: 1727346166,
      content: [
        { type: 'tool-call', id: 'call_fdNz3vOBKYgOIpMdWotB9MjY', name: 'GetWeatherArgs', arguments: '{"city": "Edinburgh", "country": "GB", "units": "c"}' },
        { type: 'tool-call', id: 'call_h1DWI1POMJLb0KwIyQHWXD4p', name: 'get_stock_price', arguments: '{"ticker": "AAPL", "exchange": "NASDAQ"}' },
      ],
      finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
      usage: { inputTokens: 149, outputTokens: 60, totalTokens: 209, reasoningTokens: 0 },
    },
    warnings: [],
  });
});

/**
 * The fixture without what the canonical form does not carry: fingerprint, tier, the audio/prediction
 * token details. Messages always carry `annotations: []`, as OpenAI's current answers do.
 */
const carried = (body: Json): Json => {
  const { system_fingerprint, service_tier, usage, ...rest } = body;
  const { prompt_tokens_details: prompt, completion_tokens_details: completion, ...counts } = usage as Record<string, Json | undefined>;
  const carriedUsage: Json = { ...counts };
  if (prompt !== undefined) carriedUsage['prompt_tokens_details'] = { cached_tokens: prompt['cached_tokens'] };
  if (completion !== undefined) carriedUsage['completion_tokens_details'] = { reasoning_tokens: completion['reasoning_tokens'] };
  const choices = (rest['choices'] as Json[]).map((choice) => ({ ...choice, message: { annotations: [], ...(choice['message'] as Json) } }));
  return { ...rest, choices, usage: carriedUsage };
};

for (const name of ['nonstream-text.json', 'nonstream-image.json', 'nonstream-tool-calls.json']) {
  test(`${name}: round trip through canonical gives the fixture back`, () => {
    const body = readFixture(name);
    const canonical = convertOpenAIChatResponseToCanonical(body);
    assert.deepEqual(convertToOpenAIChatResponse(canonical.value), { value: carried(body), warnings: [] });
  });
}

const anthropicAnswer: CanonicalResponse = {
  id: 'msg_01',
  model: 'claude-sonnet-4-5',
  createdSeconds: 1700000000,
  content: [
    { type: 'reasoning', text: 'Let me think.', signature: 'sig' },
    { type: 'text', text: 'Checking ' },
    { type: 'text', text: 'now.' },
    { type: 'tool-call', id: 'toolu_01', name: 'get_weather', arguments: '{"city":"Paris"}' },
  ],
  finishReason: { unified: 'tool-calls', raw: 'tool_use' },
  usage: { inputTokens: 2100, outputTokens: 80, cachedInputTokens: 2000, cacheWriteInputTokens: 50 },
};

test('canonical (from Anthropic) -> Chat: texts joined, reasoning dropped with a warning, cache usage, total computed', () => {
  assert.deepEqual(convertToOpenAIChatResponse(anthropicAnswer), {
    value: {
      id: 'msg_01',
      object: 'chat.completion',
      created: 1700000000,
      model: 'claude-sonnet-4-5',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Checking now.',
            refusal: null,
            annotations: [],
            tool_calls: [{ id: 'toolu_01', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
          },
          logprobs: null,
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 2100, completion_tokens: 80, total_tokens: 2180, prompt_tokens_details: { cached_tokens: 2000, cache_write_tokens: 50 } },
    },
    warnings: [{ type: 'dropped', feature: 'reasoning', detail: 'Chat Completions has no reasoning output' }],
  });
  const withReasoning = convertToOpenAIChatResponse(anthropicAnswer, { reasoningContent: true });
  assert.equal(withReasoning.value.choices[0].message.reasoning_content, 'Let me think.');
  assert.deepEqual(withReasoning.warnings, []);
});

test('every finish reason both ways', () => {
  const rawToUnified = ['stop', 'length', 'tool_calls', 'function_call', 'content_filter', 'something_new'].map(
    (raw) => convertOpenAIChatResponseToCanonical({ choices: [{ message: { content: 'x' }, finish_reason: raw }] }).value.finishReason,
  );
  assert.deepEqual(rawToUnified, [
    { unified: 'stop', raw: 'stop' },
    { unified: 'length', raw: 'length' },
    { unified: 'tool-calls', raw: 'tool_calls' },
    { unified: 'tool-calls', raw: 'function_call' },
    { unified: 'content-filter', raw: 'content_filter' },
    { unified: 'other', raw: 'something_new' },
  ]);
  const unifiedToRaw = (['stop', 'length', 'tool-calls', 'content-filter', 'error', 'other'] as const).map(
    (unified) => convertToOpenAIChatResponse({ ...anthropicAnswer, content: [], finishReason: { unified, raw: undefined } }).value.choices[0].finish_reason,
  );
  assert.deepEqual(unifiedToRaw, ['stop', 'length', 'tool_calls', 'content_filter', 'stop', 'stop']);
});

test('compatible providers: reasoning_content, refusal, content parts, missing ids; junk is an upstream error', () => {
  const { value, warnings } = convertOpenAIChatResponseToCanonical({
    id: 'x',
    choices: [
      {
        index: 0,
        finish_reason: 'stop',
        message: {
          role: 'assistant',
          reasoning_content: 'Because.',
          content: [
            { type: 'text', text: 'A' },
            { type: 'thinking', thinking: [] },
            { type: 'text', text: 'B' },
          ],
          refusal: 'But no.',
          tool_calls: [{ function: { name: 'f', arguments: '{}' } }],
          annotations: [{ type: 'url_citation' }],
        },
      },
      { index: 1, message: { content: 'other choice' } },
    ],
    usage: { prompt_tokens: 10, prompt_cache_hit_tokens: 8, completion_tokens: 2 },
  });
  assert.deepEqual(value.content, [
    { type: 'reasoning', text: 'Because.' },
    { type: 'text', text: 'AB' },
    { type: 'text', text: 'But no.' },
    { type: 'tool-call', id: 'call_0', name: 'f', arguments: '{}' },
  ]);
  assert.deepEqual(value.usage, { inputTokens: 10, outputTokens: 2, cachedInputTokens: 8 });
  assert.deepEqual(
    warnings.map((warning) => warning.feature),
    ['choices', 'refusal', 'annotations'],
  );
  for (const junk of [null, 'text', { choices: [] }, { error: { message: 'bad' } }, { choices: 'x' }]) {
    assert.throws(
      () => convertOpenAIChatResponseToCanonical(junk),
      (error: unknown) => error instanceof GatewayError && error.code === 'GW_ERR_UPSTREAM_ERROR',
    );
  }
});

test('an empty answer has content "" and a tool-calls-only answer content null', () => {
  const empty = convertToOpenAIChatResponse({ ...anthropicAnswer, content: [], finishReason: { unified: 'length', raw: 'max_tokens' }, usage: {} });
  assert.equal(empty.value.choices[0].message.content, '');
  assert.deepEqual(empty.value.usage, { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
  const toolsOnly = convertToOpenAIChatResponse({ ...anthropicAnswer, content: anthropicAnswer.content.slice(3) });
  assert.equal(toolsOnly.value.choices[0].message.content, null);
});
