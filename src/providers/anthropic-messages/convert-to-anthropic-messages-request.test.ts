import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import type { CanonicalMessage } from '../../canonical/canonical-content.ts';
import type { CanonicalRequest } from '../../canonical/canonical-request.ts';
import { convertAnthropicMessagesRequestToCanonical } from './convert-anthropic-messages-request-to-canonical.ts';
import { convertToAnthropicMessagesRequest } from './convert-to-anthropic-messages-request.ts';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../../../shared/fixtures/anthropic-messages/${name}`, import.meta.url), 'utf8'));

const base: CanonicalRequest = {
  model: 'claude-x',
  system: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
  tools: [],
  stream: false,
};
const convert = (request: Partial<CanonicalRequest>, options = {}) => convertToAnthropicMessagesRequest({ ...base, ...request }, options);

test('every fixture request survives AM -> canonical -> AM unchanged (tool_use `caller` is not carried)', () => {
  for (const name of [
    'nonstream-text.request.json',
    'nonstream-image.request.json',
    'nonstream-tool-use.request.json',
    'nonstream-tool-result.request.json',
    'stream-text.request.json',
    'stream-tool-use.request.json',
    'stream-tool-use-live.request.json',
    'stream-thinking.request.json',
  ]) {
    const original = fixture(name);
    const canonical = convertAnthropicMessagesRequestToCanonical(original);
    const back = convertToAnthropicMessagesRequest(canonical.value);
    const expected = JSON.parse(JSON.stringify(original, (key, value) => (key === 'caller' ? undefined : value)));
    assert.deepEqual(back, { value: expected, warnings: [] }, name);
  }
});

test('max_tokens: the request cap, else defaultMaxTokens (4096 unless given)', () => {
  assert.equal(convert({}).value.max_tokens, 4096);
  assert.equal(convert({}, { defaultMaxTokens: 1000 }).value.max_tokens, 1000);
  assert.equal(convert({ maxOutputTokens: 77 }).value.max_tokens, 77);
});

test('effort -> budget through the table; max_tokens exceeds the budget; none -> disabled', () => {
  const high = convert({ reasoning: { enabled: true, effort: 'high' } });
  assert.deepEqual(high.value.thinking, { type: 'enabled', budget_tokens: 24576 });
  assert.equal(high.value.max_tokens, 24576 + 4096);
  assert.deepEqual(high.warnings, []);
  assert.deepEqual(convert({ reasoning: { enabled: true } }).value.thinking, { type: 'enabled', budget_tokens: 8192 });
  assert.deepEqual(convert({ reasoning: { enabled: true, effort: 'none' } }).value.thinking, { type: 'disabled' });
  assert.deepEqual(convert({ reasoning: { enabled: false } }).value.thinking, { type: 'disabled' });
  assert.deepEqual(
    convert(
      { reasoning: { enabled: true, effort: 'low' } },
      { thinkingBudgets: { minimal: 1024, low: 3000, medium: 5000, high: 7000, xhigh: 9000, max: 11000 } },
    ).value.thinking,
    {
      type: 'enabled',
      budget_tokens: 3000,
    },
  );
  const capped = convert({ maxOutputTokens: 6000, reasoning: { enabled: true, effort: 'high' } });
  assert.deepEqual(capped.value.thinking, { type: 'enabled', budget_tokens: 3000 });
  assert.equal(capped.value.max_tokens, 6000);
  assert.deepEqual(capped.warnings, [
    { type: 'adjusted', feature: 'reasoning', detail: 'thinking budget 24576 lowered to 3000 to stay under max_tokens 6000' },
  ]);
  const tiny = convert({ maxOutputTokens: 800, reasoning: { enabled: true, effort: 'low' } });
  assert.equal(tiny.value.thinking, undefined);
  assert.deepEqual(tiny.warnings, [{ type: 'dropped', feature: 'reasoning', detail: 'max_tokens 800 leaves no room for the minimum thinking budget' }]);
});

test('adaptive thinking sends output_config.effort; minimal becomes low', () => {
  assert.deepEqual(convert({ reasoning: { enabled: true, adaptive: true, effort: 'xhigh' } }).value, {
    model: 'claude-x',
    max_tokens: 4096,
    messages: [{ role: 'user', content: 'Hi' }],
    thinking: { type: 'adaptive' },
    output_config: { effort: 'xhigh' },
  });
  const minimal = convert({ reasoning: { enabled: true, adaptive: true, effort: 'minimal', summary: 'detailed' } });
  assert.deepEqual(minimal.value.output_config, { effort: 'low' });
  assert.deepEqual(minimal.warnings, [
    { type: 'dropped', feature: 'reasoning.summary' },
    { type: 'adjusted', feature: 'reasoning.effort', detail: 'minimal is sent as low' },
  ]);
});

test('sampling: temperature clamped to 1; with thinking temperature and top_k are not sent and top_p is raised', () => {
  const plain = convert({ temperature: 1.7, topP: 0.5, topK: 20, stopSequences: ['\n\n'], userId: 'user-1' });
  assert.equal(plain.value.temperature, 1);
  assert.equal(plain.value.top_p, 0.5);
  assert.equal(plain.value.top_k, 20);
  assert.deepEqual(plain.value.stop_sequences, ['\n\n']);
  assert.deepEqual(plain.value.metadata, { user_id: 'user-1' });
  assert.deepEqual(plain.warnings, [{ type: 'adjusted', feature: 'temperature', detail: "1.7 clamped to 1 (Anthropic's range is 0-1)" }]);
  const thinking = convert({ temperature: 0.3, topP: 0.5, topK: 20, reasoning: { enabled: true, budgetTokens: 2000 } });
  assert.equal(thinking.value.temperature, undefined);
  assert.equal(thinking.value.top_k, undefined);
  assert.equal(thinking.value.top_p, 0.95);
  assert.deepEqual(thinking.warnings, [
    { type: 'dropped', feature: 'temperature', detail: 'not allowed with thinking' },
    { type: 'adjusted', feature: 'top_p', detail: '0.5 raised to 0.95 (the minimum with thinking)' },
    { type: 'dropped', feature: 'top_k', detail: 'not allowed with thinking' },
  ]);
});

test('tools and tool_choice: required -> any, parallelToolCalls false -> disable_parallel_tool_use, strict and cache_control kept', () => {
  const tools: CanonicalRequest['tools'] = [
    { name: 'f', description: 'F', inputSchema: { type: 'object' }, strict: true, cacheControl: { type: 'ephemeral' } },
    { name: 'g', inputSchema: { type: 'object' }, strict: false },
  ];
  const converted = convert({ tools, toolChoice: { type: 'required' }, parallelToolCalls: false });
  assert.deepEqual(converted.value.tools, [
    { name: 'f', description: 'F', input_schema: { type: 'object' }, strict: true, cache_control: { type: 'ephemeral' } },
    { name: 'g', input_schema: { type: 'object' } },
  ]);
  assert.deepEqual(converted.value.tool_choice, { type: 'any', disable_parallel_tool_use: true });
  assert.deepEqual(convert({ tools, parallelToolCalls: false }).value.tool_choice, { type: 'auto', disable_parallel_tool_use: true });
  assert.equal(convert({ tools, parallelToolCalls: true }).value.tool_choice, undefined);
  assert.deepEqual(convert({ tools, toolChoice: { type: 'tool', name: 'g' } }).value.tool_choice, { type: 'tool', name: 'g' });
  assert.deepEqual(convert({ tools, toolChoice: { type: 'none' }, parallelToolCalls: false }).value.tool_choice, { type: 'none' });
  const noTools = convert({ toolChoice: { type: 'required' } });
  assert.equal(noTools.value.tool_choice, undefined);
  assert.deepEqual(noTools.warnings, [{ type: 'dropped', feature: 'tool_choice', detail: 'no tools were given' }]);
});

test('response format: json_schema keeps the schema; json_object has no AM equivalent', () => {
  const schema = convert({ responseFormat: { type: 'json-schema', name: 'answer', strict: true, schema: { type: 'object' } } });
  assert.deepEqual(schema.value.output_config, { format: { type: 'json_schema', schema: { type: 'object' } } });
  assert.deepEqual(schema.warnings, []);
  const described = convert({
    responseFormat: { type: 'json-schema', description: 'The answer', schema: {} },
    reasoning: { enabled: true, adaptive: true, effort: 'low' },
  });
  assert.deepEqual(described.value.output_config, { effort: 'low', format: { type: 'json_schema', schema: {} } });
  assert.deepEqual(described.warnings, [{ type: 'dropped', feature: 'response_format.json_schema.description' }]);
  const object = convert({ responseFormat: { type: 'json-object' } });
  assert.equal(object.value.output_config, undefined);
  assert.deepEqual(object.warnings, [{ type: 'unsupported', feature: 'response_format', detail: 'json_object has no Anthropic equivalent; dropped' }]);
  assert.deepEqual(convert({ responseFormat: { type: 'text' } }), convert({}));
});

test('system parts and mid-conversation system messages merge into top-level system, cache_control kept', () => {
  const converted = convert({
    system: [{ type: 'text', text: 'Be brief.' }],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'system', content: [{ type: 'text', text: 'Plan mode.', cacheControl: { type: 'ephemeral', ttl: '5m' } }] },
      { role: 'user', content: [{ type: 'text', text: 'Go' }] },
    ],
  });
  assert.deepEqual(converted.value.system, [
    { type: 'text', text: 'Be brief.' },
    { type: 'text', text: 'Plan mode.', cache_control: { type: 'ephemeral', ttl: '5m' } },
  ]);
  assert.deepEqual(converted.value.messages, [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Hi' },
        { type: 'text', text: 'Go' },
      ],
    },
  ]);
  assert.deepEqual(converted.warnings, [
    { type: 'adjusted', feature: 'messages[1].role', detail: 'system message moved to the top-level system prompt; its position is lost' },
  ]);
  assert.equal(convert({ system: [{ type: 'text', text: 'One' }] }).value.system, 'One');
});

test('tool messages become user tool_result blocks, first, merged with the user message after them', () => {
  const messages: CanonicalMessage[] = [
    { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
    {
      role: 'assistant',
      content: [
        { type: 'text', text: '' },
        { type: 'tool-call', id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' },
        { type: 'tool-call', id: 'call_2', name: 'weather', arguments: '{"city":"Rome"}', cacheControl: { type: 'ephemeral' } },
      ],
    },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', content: 'sunny' }] },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_2', content: [{ type: 'text', text: 'rain' }], isError: true }] },
    { role: 'user', content: [{ type: 'image', source: { kind: 'url', url: 'data:image/png;base64,AAAA' }, detail: 'high' }] },
  ];
  const converted = convert({ messages });
  assert.deepEqual(converted.value.messages, [
    { role: 'user', content: 'Weather in Paris and Rome?' },
    {
      role: 'assistant',
      content: [
        { type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'call_2', name: 'weather', input: { city: 'Rome' }, cache_control: { type: 'ephemeral' } },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'call_1', content: 'sunny' },
        { type: 'tool_result', tool_use_id: 'call_2', content: [{ type: 'text', text: 'rain' }], is_error: true },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
      ],
    },
  ]);
  assert.deepEqual(converted.warnings, [{ type: 'dropped', feature: 'messages[4].image.detail', detail: 'Anthropic has no image detail setting' }]);
});

test('a user message before the tool results still gets the results first; consecutive assistant messages merge', () => {
  const converted = convert({
    messages: [
      { role: 'assistant', content: [{ type: 'tool-call', id: 'a', name: 'f', arguments: '' }] },
      { role: 'assistant', content: [{ type: 'tool-call', id: 'b', name: 'f', arguments: 'not json' }] },
      { role: 'user', content: [{ type: 'text', text: 'also' }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'a', content: [] }] },
    ],
  });
  assert.deepEqual(converted.value.messages, [
    {
      role: 'assistant',
      content: [
        { type: 'tool_use', id: 'a', name: 'f', input: {} },
        { type: 'tool_use', id: 'b', name: 'f', input: {} },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'a', content: '' },
        { type: 'text', text: 'also' },
      ],
    },
  ]);
  assert.deepEqual(converted.warnings, [
    { type: 'adjusted', feature: 'messages[1].tool_calls.arguments', detail: 'arguments of b are not a JSON object; sent as {}' },
  ]);
});

test('reasoning goes back verbatim; reasoning from another provider is dropped; thinking is dropped where AM would reject it', () => {
  const loop = (first: CanonicalMessage): CanonicalMessage[] => [
    { role: 'user', content: [{ type: 'text', text: 'Go' }] },
    first,
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't', content: 'ok' }] },
  ];
  const signed = convert({
    reasoning: { enabled: true, effort: 'low' },
    messages: loop({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'think', signature: 'sig' },
        { type: 'reasoning', text: '', redactedData: 'opaque' },
        { type: 'tool-call', id: 't', name: 'f', arguments: '{}' },
      ],
    }),
  });
  assert.deepEqual(signed.value.thinking, { type: 'enabled', budget_tokens: 2048 });
  assert.deepEqual(signed.value.messages[1], {
    role: 'assistant',
    content: [
      { type: 'thinking', thinking: 'think', signature: 'sig' },
      { type: 'redacted_thinking', data: 'opaque' },
      { type: 'tool_use', id: 't', name: 'f', input: {} },
    ],
  });
  assert.deepEqual(signed.warnings, []);
  const foreign = convert({
    reasoning: { enabled: true, effort: 'low' },
    messages: loop({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'summary', encryptedContent: 'enc', id: 'rs_1' },
        { type: 'tool-call', id: 't', name: 'f', arguments: '{}' },
      ],
    }),
  });
  assert.equal(foreign.value.thinking, undefined);
  assert.deepEqual(foreign.value.messages[1], { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }] });
  assert.deepEqual(foreign.warnings, [
    { type: 'dropped', feature: 'messages[1].reasoning', detail: 'reasoning from another provider cannot be replayed to Anthropic' },
    { type: 'dropped', feature: 'reasoning', detail: 'the assistant turn of the open tool loop has no signed thinking block to replay' },
  ]);
  const forced = convert({ reasoning: { enabled: true, effort: 'high' }, tools: [{ name: 'f', inputSchema: {} }], toolChoice: { type: 'tool', name: 'f' } });
  assert.equal(forced.value.thinking, undefined);
  assert.equal(forced.value.max_tokens, 4096);
  assert.deepEqual(forced.warnings, [{ type: 'dropped', feature: 'reasoning', detail: 'Anthropic does not allow thinking with a forced tool choice' }]);
});
