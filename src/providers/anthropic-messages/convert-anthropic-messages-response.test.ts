import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import type { CanonicalResponse } from '../../canonical/canonical-response.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { convertAnthropicMessagesResponseToCanonical } from './convert-anthropic-messages-response-to-canonical.ts';
import { convertToAnthropicMessagesResponse } from './convert-to-anthropic-messages-response.ts';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../../../shared/fixtures/anthropic-messages/${name}`, import.meta.url), 'utf8'));

/** Fields of the live answers the canonical form does not carry: the tool caller, the cache split by TTL, tier and region. */
const withoutUncarried = (body: Record<string, unknown>): unknown =>
  JSON.parse(JSON.stringify(body, (key, value) => (['caller', 'cache_creation', 'service_tier', 'inference_geo'].includes(key) ? undefined : value)));

test('nonstream-text.json -> canonical, and back unchanged', () => {
  const body = fixture('nonstream-text.json');
  const canonical = convertAnthropicMessagesResponseToCanonical(body, { createdSeconds: 1_700_000_000 });
  assert.deepEqual(canonical, {
    value: {
      id: 'msg_013Zva2CMHLNnXjNJJKqJ2EF',
      model: 'claude-3-5-sonnet-20241022',
      createdSeconds: 1_700_000_000,
      content: [{ type: 'text', text: 'Hi! My name is Claude.' }],
      finishReason: { unified: 'stop', raw: 'end_turn' },
      usage: { inputTokens: 2095, outputTokens: 503, totalTokens: 2598 },
    },
    warnings: [],
  });
  assert.deepEqual(convertToAnthropicMessagesResponse(canonical.value), { value: body, warnings: [] });
});

test('nonstream-tool-use.json: a tool_use block (input -> JSON text), cache counts, and back', () => {
  const body = fixture('nonstream-tool-use.json');
  const canonical = convertAnthropicMessagesResponseToCanonical(body, { createdSeconds: 1 });
  assert.deepEqual(canonical.value.content, [
    { type: 'tool-call', id: 'toolu_016xm9m1i3NcGW5xFMMZJTqY', name: 'get_weather', arguments: '{"location":"San Francisco, CA","units":"f"}' },
  ]);
  assert.deepEqual(canonical.value.finishReason, { unified: 'tool-calls', raw: 'tool_use' });
  assert.deepEqual(canonical.value.usage, { inputTokens: 656, outputTokens: 74, totalTokens: 730, cachedInputTokens: 0, cacheWriteInputTokens: 0 });
  assert.deepEqual(convertToAnthropicMessagesResponse(canonical.value), { value: withoutUncarried(body), warnings: [] });
  const result = fixture('nonstream-tool-result.json');
  assert.deepEqual(
    convertToAnthropicMessagesResponse(convertAnthropicMessagesResponseToCanonical(result, { createdSeconds: 1 }).value).value,
    withoutUncarried(result),
  );
});

test('thinking with signature, redacted thinking, server-tool blocks and citations', () => {
  const body = {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content: [
      { type: 'thinking', thinking: 'Let me think.', signature: 'EqQBCgIYAh==' },
      { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' },
      { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'q' } },
      { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
      { type: 'text', text: 'Answer.', citations: [{ type: 'web_search_result_location', url: 'https://example.com' }] },
      { type: 'tool_use', id: 'toolu_2', name: 'lookup', input: {} },
    ],
    stop_reason: 'stop_sequence',
    stop_sequence: '###',
    usage: {
      input_tokens: 10,
      output_tokens: 50,
      cache_read_input_tokens: 100,
      cache_creation_input_tokens: 20,
      output_tokens_details: { thinking_tokens: 30 },
    },
  };
  const { value, warnings } = convertAnthropicMessagesResponseToCanonical(body, { createdSeconds: 5 });
  assert.deepEqual(value.content, [
    { type: 'reasoning', text: 'Let me think.', signature: 'EqQBCgIYAh==' },
    { type: 'reasoning', text: '', redactedData: 'EmwKAhgBEgy3va3pzix/LafPsn4a' },
    { type: 'text', text: 'Answer.' },
    { type: 'tool-call', id: 'toolu_2', name: 'lookup', arguments: '{}' },
  ]);
  assert.deepEqual(value.usage, {
    inputTokens: 130,
    outputTokens: 50,
    totalTokens: 180,
    cachedInputTokens: 100,
    cacheWriteInputTokens: 20,
    reasoningTokens: 30,
  });
  assert.deepEqual(value.finishReason, { unified: 'stop', raw: 'stop_sequence' });
  assert.deepEqual(warnings, [
    { type: 'dropped', feature: 'content.2', detail: 'server_tool_use blocks (server tools) are not carried' },
    { type: 'dropped', feature: 'content.3', detail: 'web_search_tool_result blocks (server tools) are not carried' },
    { type: 'dropped', feature: 'content.4.citations' },
    { type: 'dropped', feature: 'stop_sequence', detail: 'which stop sequence matched is not carried' },
  ]);
  assert.deepEqual(convertToAnthropicMessagesResponse(value).value, {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content: [
      { type: 'thinking', thinking: 'Let me think.', signature: 'EqQBCgIYAh==' },
      { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' },
      { type: 'text', text: 'Answer.' },
      { type: 'tool_use', id: 'toolu_2', name: 'lookup', input: {} },
    ],
    stop_reason: 'stop_sequence',
    stop_sequence: null,
    usage: {
      input_tokens: 10,
      output_tokens: 50,
      cache_creation_input_tokens: 20,
      cache_read_input_tokens: 100,
      output_tokens_details: { thinking_tokens: 30 },
    },
  });
});

test('an answer from another provider: reasoning without signature, finish reasons, usage subtracted, bad arguments', () => {
  const canonical: CanonicalResponse = {
    id: 'chatcmpl-1',
    model: 'gpt-5',
    createdSeconds: 1,
    content: [
      { type: 'reasoning', text: 'summary', encryptedContent: 'enc', id: 'rs_1' },
      { type: 'text', text: 'Calling two tools.' },
      { type: 'tool-call', id: 'call_1', name: 'f', arguments: '{"a":1}' },
      { type: 'tool-call', id: 'call_2', name: 'g', arguments: '{"b":' },
    ],
    finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
    usage: { inputTokens: 1000, outputTokens: 200, totalTokens: 1200, cachedInputTokens: 800, reasoningTokens: 150 },
  };
  assert.deepEqual(convertToAnthropicMessagesResponse(canonical), {
    value: {
      id: 'chatcmpl-1',
      type: 'message',
      role: 'assistant',
      model: 'gpt-5',
      content: [
        { type: 'thinking', thinking: 'summary', signature: '' },
        { type: 'text', text: 'Calling two tools.' },
        { type: 'tool_use', id: 'call_1', name: 'f', input: { a: 1 } },
        { type: 'tool_use', id: 'call_2', name: 'g', input: {} },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 200, output_tokens: 200, cache_read_input_tokens: 800, output_tokens_details: { thinking_tokens: 150 } },
    },
    warnings: [
      { type: 'dropped', feature: 'reasoning.encrypted_content' },
      { type: 'adjusted', feature: 'tool_use.input', detail: 'arguments of call_2 are not a JSON object; sent as {}' },
    ],
  });
  const stop = (unified: CanonicalResponse['finishReason']['unified'], raw?: string) =>
    convertToAnthropicMessagesResponse({ ...canonical, content: [], finishReason: { unified, raw } }).value.stop_reason;
  assert.equal(stop('length', 'length'), 'max_tokens');
  assert.equal(stop('content-filter', 'content_filter'), 'refusal');
  assert.equal(stop('stop', 'completed'), 'end_turn');
});

test('a body that is not a message is an upstream error', () => {
  for (const body of [null, 'text', { type: 'error', error: { type: 'api_error' } }, { content: 'x' }]) {
    assert.throws(
      () => convertAnthropicMessagesResponseToCanonical(body, { createdSeconds: 0 }),
      (error: unknown) => error instanceof GatewayError && error.code === 'GW_ERR_UPSTREAM_ERROR',
    );
  }
});
