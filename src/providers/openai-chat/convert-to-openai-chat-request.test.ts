import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import type { CanonicalRequest } from '../../canonical/canonical-request.ts';
import { convertOpenAIChatRequestToCanonical } from './convert-openai-chat-request-to-canonical.ts';
import { convertToOpenAIChatRequest } from './convert-to-openai-chat-request.ts';
import { openaiChatRequestSchema } from './openai-chat-wire-schema.ts';

type Json = Record<string, unknown>;

const readFixture = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../../../../shared/fixtures/openai-chat/${name}`, import.meta.url), 'utf8')) as Json;

/**
 * What the gateway sends for a fixture request: the same body, with the documented normalisations —
 * `developer` sent as `system`, `max_tokens` as `max_completion_tokens`, usage always asked for when streaming
 * (`include_obfuscation` not carried).
 */
const normalizedFixture = (body: Json): Json => {
  const { max_tokens, stream_options, ...rest } = body;
  const messages = (rest['messages'] as Json[]).map((message) => (message['role'] === 'developer' ? { ...message, role: 'system' } : message));
  const normalized: Json = { ...rest, messages };
  if (max_tokens !== undefined) normalized['max_completion_tokens'] = max_tokens;
  if (rest['stream'] === true) normalized['stream_options'] = { include_usage: true };
  return normalized;
};

for (const name of [
  'nonstream-text.request.json',
  'nonstream-image.request.json',
  'nonstream-tool-calls.request.json',
  'nonstream-tool-result.request.json',
  'stream-text.request.json',
  'stream-usage.request.json',
  'stream-tool-calls.request.json',
  'stream-length.request.json',
]) {
  test(`${name}: round trip through canonical gives the fixture back (normalised), without warnings`, () => {
    const body = readFixture(name);
    const canonical = convertOpenAIChatRequestToCanonical(openaiChatRequestSchema.parse(body));
    assert.deepEqual(convertToOpenAIChatRequest(canonical.value), { value: normalizedFixture(body), warnings: [] });
  });
}

const base: CanonicalRequest = { model: 'gpt-5.4', system: [], messages: [], tools: [], stream: false };

test('an Anthropic-style request: cached system blocks, mid-conversation system, tool use with reasoning, image tool results', () => {
  const request: CanonicalRequest = {
    ...base,
    system: [
      { type: 'text', text: 'You are Claude Code.', cacheControl: { type: 'ephemeral' } },
      { type: 'text', text: 'Be brief.' },
    ],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Look at the screenshot.' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'I should read it.', signature: 'EqQBCkYIARgCIkD' },
          { type: 'text', text: 'Reading it.' },
          { type: 'tool-call', id: 'toolu_01', name: 'Read', arguments: '{"file_path":"/tmp/a.png"}' },
          { type: 'tool-call', id: 'toolu_02', name: 'Bash', arguments: '{"command":"ls"}' },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'toolu_01',
            content: [
              { type: 'text', text: 'Image read:' },
              { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
            ],
          },
          { type: 'tool-result', toolCallId: 'toolu_02', content: 'ls: cannot open', isError: true },
        ],
      },
      { role: 'system', content: [{ type: 'text', text: 'The user is in plan mode.' }] },
    ],
  };
  const { value, warnings } = convertToOpenAIChatRequest(request);
  assert.deepEqual(value.messages, [
    {
      role: 'system',
      content: [
        { type: 'text', text: 'You are Claude Code.' },
        { type: 'text', text: 'Be brief.' },
      ],
    },
    { role: 'user', content: 'Look at the screenshot.' },
    {
      role: 'assistant',
      content: 'Reading it.',
      tool_calls: [
        { id: 'toolu_01', type: 'function', function: { name: 'Read', arguments: '{"file_path":"/tmp/a.png"}' } },
        { id: 'toolu_02', type: 'function', function: { name: 'Bash', arguments: '{"command":"ls"}' } },
      ],
    },
    { role: 'tool', tool_call_id: 'toolu_01', content: 'Image read:' },
    { role: 'tool', tool_call_id: 'toolu_02', content: 'ls: cannot open' },
    { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }] },
    { role: 'system', content: 'The user is in plan mode.' },
  ]);
  assert.deepEqual(warnings, [
    { type: 'dropped', feature: 'cache_control', detail: 'OpenAI caches prompts automatically' },
    { type: 'dropped', feature: 'reasoning', detail: 'Chat Completions has no reasoning input' },
    { type: 'dropped', feature: 'is_error', detail: 'tool messages have no error flag; the result text is sent as is' },
    { type: 'adjusted', feature: 'tool_result.image', detail: 'tool messages hold text only; images sent in a user message after the results' },
  ]);
});

test('sendReasoningContent: reasoning text goes back as reasoning_content; an assistant turn of tool calls only has content null', () => {
  const { value, warnings } = convertToOpenAIChatRequest(
    {
      ...base,
      messages: [
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Think.' },
            { type: 'reasoning', text: '', redactedData: 'opaque' },
            { type: 'tool-call', id: 'call_1', name: 'f', arguments: '{}' },
          ],
        },
      ],
    },
    { sendReasoningContent: true },
  );
  assert.deepEqual(value.messages, [
    {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }],
      reasoning_content: 'Think.',
    },
  ]);
  assert.deepEqual(warnings, [{ type: 'dropped', feature: 'reasoning', detail: 'Chat Completions has no reasoning input' }]);
});

test('reasoning: effort as is, max -> xhigh, a budget bucketed, disabled left to the model default', () => {
  const effortOf = (reasoning: CanonicalRequest['reasoning']) => convertToOpenAIChatRequest({ ...base, ...(reasoning ? { reasoning } : {}) });
  assert.equal(effortOf({ enabled: true, effort: 'low' }).value.reasoning_effort, 'low');
  assert.equal(effortOf({ enabled: false, effort: 'none' }).value.reasoning_effort, 'none');
  assert.deepEqual(effortOf({ enabled: true, effort: 'max' }), {
    value: { model: 'gpt-5.4', messages: [], reasoning_effort: 'xhigh' },
    warnings: [{ type: 'adjusted', feature: 'effort', detail: '"max" sent as "xhigh"' }],
  });
  assert.deepEqual(effortOf({ enabled: true, budgetTokens: 10_000 }), {
    value: { model: 'gpt-5.4', messages: [], reasoning_effort: 'medium' },
    warnings: [{ type: 'adjusted', feature: 'budget_tokens', detail: '10000 sent as reasoning_effort "medium"' }],
  });
  assert.deepEqual(effortOf({ enabled: true, adaptive: true }), { value: { model: 'gpt-5.4', messages: [] }, warnings: [] });
  const disabled = effortOf({ enabled: false });
  assert.equal(disabled.value.reasoning_effort, undefined);
  assert.equal(disabled.warnings[0]?.feature, 'thinking');
  // The one effort <-> budget table (src/canonical/reasoning-effort-budgets.ts), kept to the efforts every reasoning model takes.
  const fromBudget = (budgetTokens: number) => effortOf({ enabled: true, budgetTokens }).value.reasoning_effort;
  assert.deepEqual([1_024, 2_048, 8_192, 24_576, 31_999, 32_768, 64_000].map(fromBudget), ['low', 'low', 'medium', 'high', 'high', 'high', 'high']);
});

test('sampling, stop sequences, tools, tool choice, response format, user id, streaming', () => {
  const { value, warnings } = convertToOpenAIChatRequest({
    ...base,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      },
    ],
    tools: [{ name: 'f', description: 'does f', inputSchema: { type: 'object' }, cacheControl: { type: 'ephemeral', ttl: '1h' } }],
    toolChoice: { type: 'tool', name: 'f' },
    parallelToolCalls: false,
    maxOutputTokens: 64,
    temperature: 0.5,
    topP: 0.9,
    topK: 40,
    stopSequences: ['1', '2', '3', '4', '5'],
    stream: true,
    responseFormat: { type: 'json-schema', schema: { type: 'object' } },
    userId: 'user_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef_account__session_1',
  });
  assert.deepEqual(value, {
    model: 'gpt-5.4',
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      },
    ],
    tools: [{ type: 'function', function: { name: 'f', description: 'does f', parameters: { type: 'object' } } }],
    tool_choice: { type: 'function', function: { name: 'f' } },
    parallel_tool_calls: false,
    max_completion_tokens: 64,
    temperature: 0.5,
    top_p: 0.9,
    stop: ['1', '2', '3', '4'],
    response_format: { type: 'json_schema', json_schema: { name: 'response', schema: { type: 'object' } } },
    stream: true,
    stream_options: { include_usage: true },
  });
  assert.deepEqual(
    warnings.map((warning) => warning.feature),
    ['cache_control', 'top_k', 'stop_sequences', 'json_schema.name', 'user_id'],
  );
  assert.equal(convertToOpenAIChatRequest({ ...base, userId: 'abc' }).value.safety_identifier, 'abc');
  assert.deepEqual(convertToOpenAIChatRequest({ ...base, responseFormat: { type: 'json-object' } }).value.response_format, { type: 'json_object' });
});
