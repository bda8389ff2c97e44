import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { GatewayError } from '../../errors/gateway-error.ts';
import { convertAnthropicMessagesRequestToCanonical } from './convert-anthropic-messages-request-to-canonical.ts';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../../shared/fixtures/anthropic-messages/${name}`, import.meta.url), 'utf8'));

const weatherSchema = {
  additionalProperties: false,
  properties: {
    location: { description: 'The city and state, e.g. San Francisco, CA', title: 'Location', type: 'string' },
    units: { description: "Unit for the output, either 'c' for celsius or 'f' for fahrenheit", enum: ['c', 'f'], title: 'Units', type: 'string' },
  },
  required: ['location', 'units'],
  type: 'object',
};
const weatherTool = { name: 'get_weather', description: 'Lookup the weather for a given city in either celsius or fahrenheit', inputSchema: weatherSchema };

test('nonstream-text.request: one user string, max_tokens', () => {
  assert.deepEqual(convertAnthropicMessagesRequestToCanonical(fixture('nonstream-text.request.json')), {
    value: {
      model: 'claude-3-5-sonnet-20241022',
      system: [],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello, world' }] }],
      tools: [],
      stream: false,
      maxOutputTokens: 1024,
    },
    warnings: [],
  });
});

test('nonstream-image.request: system string, text, URL image and base64 image', () => {
  const { value, warnings } = convertAnthropicMessagesRequestToCanonical(fixture('nonstream-image.request.json'));
  assert.deepEqual(warnings, []);
  assert.deepEqual(value.system, [{ type: 'text', text: 'You are a helpful assistant.' }]);
  assert.deepEqual(value.messages, [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is in this image?' },
        {
          type: 'image',
          source: {
            kind: 'url',
            url: 'https://upload.wikimedia.org/wikipedia/commons/thumb/d/dd/Gfp-wisconsin-madison-the-nature-boardwalk.jpg/2560px-Gfp-wisconsin-madison-the-nature-boardwalk.jpg',
          },
        },
        {
          type: 'image',
          source: {
            kind: 'base64',
            mediaType: 'image/png',
            data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
          },
        },
      ],
    },
  ]);
  assert.equal(value.maxOutputTokens, 300);
});

test('nonstream-tool-use.request: a client tool with its input schema', () => {
  const { value, warnings } = convertAnthropicMessagesRequestToCanonical(fixture('nonstream-tool-use.request.json'));
  assert.deepEqual(warnings, []);
  assert.deepEqual(value.tools, [weatherTool]);
  assert.equal(value.toolChoice, undefined);
});

test('nonstream-tool-result.request: tool_use input becomes JSON text, tool_result a tool message', () => {
  const { value, warnings } = convertAnthropicMessagesRequestToCanonical(fixture('nonstream-tool-result.request.json'));
  assert.deepEqual(warnings, []);
  assert.deepEqual(value.messages, [
    { role: 'user', content: [{ type: 'text', text: 'What is the weather in SF?' }] },
    {
      role: 'assistant',
      content: [{ type: 'tool-call', id: 'toolu_016xm9m1i3NcGW5xFMMZJTqY', name: 'get_weather', arguments: '{"location":"San Francisco, CA","units":"f"}' }],
    },
    {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'toolu_016xm9m1i3NcGW5xFMMZJTqY',
          content: '{"location": "San Francisco, CA", "temperature": "68\\u00b0F", "condition": "Sunny"}',
        },
      ],
    },
  ]);
});

test('stream-tool-use.request: tool_choice any is required, stream true', () => {
  const { value } = convertAnthropicMessagesRequestToCanonical(fixture('stream-tool-use.request.json'));
  assert.deepEqual(value.toolChoice, { type: 'required' });
  assert.equal(value.parallelToolCalls, undefined);
  assert.equal(value.stream, true);
  assert.equal(convertAnthropicMessagesRequestToCanonical(fixture('stream-text.request.json')).value.stream, true);
  assert.equal(convertAnthropicMessagesRequestToCanonical(fixture('stream-tool-use-live.request.json')).value.tools.length, 1);
});

test('stream-thinking.request: the budget is kept as the budget (an effort is only what the client said)', () => {
  const { value } = convertAnthropicMessagesRequestToCanonical(fixture('stream-thinking.request.json'));
  assert.deepEqual(value.reasoning, { enabled: true, budgetTokens: 10000 });
  assert.equal(value.maxOutputTokens, 16000);
});

test('a Claude Code request: cached system blocks, a system message, adaptive thinking, split tool results, thinking replay', () => {
  const { value, warnings } = convertAnthropicMessagesRequestToCanonical({
    model: 'claude-sonnet-4-5',
    max_tokens: 32000,
    stream: true,
    system: [
      { type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude." },
      { type: 'text', text: 'Use tools.', cache_control: { type: 'ephemeral', ttl: '1h' } },
    ],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'List files', cache_control: { type: 'ephemeral' } }] },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'I should run ls.', signature: 'sig-1' },
          { type: 'redacted_thinking', data: 'opaque==' },
          { type: 'text', text: 'Running ls.' },
          { type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'ls' } },
          { type: 'tool_use', id: 'toolu_2', name: 'Bash', input: { command: 'pwd' }, cache_control: { type: 'ephemeral' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'a.txt' }] },
          { type: 'tool_result', tool_use_id: 'toolu_2', content: 'failed', is_error: true, cache_control: { type: 'ephemeral' } },
          { type: 'text', text: 'Now summarise.' },
        ],
      },
      { role: 'system', content: 'The user switched to plan mode.' },
    ],
    tools: [
      {
        name: 'Bash',
        description: 'Run a command',
        input_schema: { type: 'object', properties: { command: { type: 'string' } } },
        cache_control: { type: 'ephemeral' },
      },
      { type: 'web_search_20250305', name: 'web_search', max_uses: 5 },
    ],
    metadata: { user_id: '{"device_id":"d","session_id":"s"}' },
    thinking: { type: 'adaptive' },
    output_config: { effort: 'high' },
    context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
  });
  assert.deepEqual(value, {
    model: 'claude-sonnet-4-5',
    system: [
      { type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude." },
      { type: 'text', text: 'Use tools.', cacheControl: { type: 'ephemeral', ttl: '1h' } },
    ],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'List files', cacheControl: { type: 'ephemeral' } }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'I should run ls.', signature: 'sig-1' },
          { type: 'reasoning', text: '', redactedData: 'opaque==' },
          { type: 'text', text: 'Running ls.' },
          { type: 'tool-call', id: 'toolu_1', name: 'Bash', arguments: '{"command":"ls"}' },
          { type: 'tool-call', id: 'toolu_2', name: 'Bash', arguments: '{"command":"pwd"}', cacheControl: { type: 'ephemeral' } },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'toolu_1', content: [{ type: 'text', text: 'a.txt' }] },
          { type: 'tool-result', toolCallId: 'toolu_2', content: 'failed', isError: true, cacheControl: { type: 'ephemeral' } },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'Now summarise.' }] },
      { role: 'system', content: [{ type: 'text', text: 'The user switched to plan mode.' }] },
    ],
    tools: [
      {
        name: 'Bash',
        description: 'Run a command',
        inputSchema: { type: 'object', properties: { command: { type: 'string' } } },
        cacheControl: { type: 'ephemeral' },
      },
    ],
    stream: true,
    maxOutputTokens: 32000,
    userId: '{"device_id":"d","session_id":"s"}',
    reasoning: { enabled: true, adaptive: true, effort: 'high' },
  });
  assert.deepEqual(warnings, [
    { type: 'dropped', feature: 'context_management' },
    { type: 'dropped', feature: 'tools.1', detail: 'server tool web_search (web_search_20250305) is not available on this provider' },
  ]);
});

test('tool_choice: auto, any, tool, none; disable_parallel_tool_use inverts into parallelToolCalls', () => {
  const base = { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }], tools: [{ name: 'f', input_schema: { type: 'object' } }] };
  const choice = (toolChoice: unknown) => convertAnthropicMessagesRequestToCanonical({ ...base, tool_choice: toolChoice }).value;
  assert.deepEqual(choice({ type: 'auto' }).toolChoice, { type: 'auto' });
  assert.equal(choice({ type: 'auto' }).parallelToolCalls, undefined);
  assert.deepEqual(choice({ type: 'any', disable_parallel_tool_use: true }).toolChoice, { type: 'required' });
  assert.equal(choice({ type: 'any', disable_parallel_tool_use: true }).parallelToolCalls, false);
  assert.equal(choice({ type: 'auto', disable_parallel_tool_use: false }).parallelToolCalls, true);
  assert.deepEqual(choice({ type: 'tool', name: 'f' }).toolChoice, { type: 'tool', name: 'f' });
  assert.deepEqual(choice({ type: 'none' }).toolChoice, { type: 'none' });
});

test('sampling, stop sequences, structured output, and every thinking type', () => {
  const base = { model: 'm', max_tokens: 2000, messages: [{ role: 'user', content: 'x' }] };
  const convert = (extra: object) => convertAnthropicMessagesRequestToCanonical({ ...base, ...extra });
  const sampled = convert({
    temperature: 0.2,
    top_p: 0.9,
    top_k: 40,
    stop_sequences: ['END'],
    output_config: { format: { type: 'json_schema', schema: { type: 'object' } } },
  });
  assert.equal(sampled.value.temperature, 0.2);
  assert.equal(sampled.value.topP, 0.9);
  assert.equal(sampled.value.topK, 40);
  assert.deepEqual(sampled.value.stopSequences, ['END']);
  assert.deepEqual(sampled.value.responseFormat, { type: 'json-schema', schema: { type: 'object' } });
  assert.deepEqual(convert({ thinking: { type: 'disabled' } }).value.reasoning, { enabled: false });
  assert.deepEqual(convert({ thinking: { type: 'enabled', budget_tokens: 1024 } }).value.reasoning, { enabled: true, budgetTokens: 1024 });
  assert.deepEqual(convert({ thinking: { type: 'enabled', budget_tokens: 31999 }, output_config: { effort: 'max' } }).value.reasoning, {
    enabled: true,
    budgetTokens: 31999,
    effort: 'max',
  });
  assert.deepEqual(convert({ thinking: { type: 'adaptive' } }).value.reasoning, { enabled: true, adaptive: true });
  assert.deepEqual(convert({ output_config: { effort: 'low' } }).value.reasoning, { enabled: true, effort: 'low' });
  const display = convert({ thinking: { type: 'enabled', budget_tokens: 4000, display: 'omitted' } });
  assert.deepEqual(display.warnings, [{ type: 'dropped', feature: 'thinking.display' }]);
  const between = convert({ thinking: { type: 'between_tools' } });
  assert.deepEqual(between.value.reasoning, { enabled: true, adaptive: true });
  assert.deepEqual(between.warnings, [{ type: 'adjusted', feature: 'thinking.type', detail: 'between_tools is sent as adaptive reasoning' }]);
  const extras = convert({ metadata: { user_id: 'u', tenant: 't' }, service_tier: 'auto', output_config: { effort: 'high', task_budget: 3 } });
  assert.equal(extras.value.userId, 'u');
  assert.deepEqual(extras.warnings, [
    { type: 'dropped', feature: 'service_tier' },
    { type: 'dropped', feature: 'metadata.tenant' },
    { type: 'dropped', feature: 'output_config.task_budget' },
  ]);
});

test('content the canonical form cannot carry: search results are a 400 naming the block; server-tool history and citations are dropped with a warning', () => {
  const base = { model: 'm', max_tokens: 10 };
  assert.throws(
    () =>
      convertAnthropicMessagesRequestToCanonical({
        ...base,
        messages: [{ role: 'user', content: [{ type: 'search_result', source: 'https://example.com', title: 't', content: [] }] }],
      }),
    (error: unknown) => error instanceof GatewayError && error.code === 'GW_ERR_INVALID_REQUEST' && error.param === 'messages.0.content.0.type',
  );
  assert.throws(
    () =>
      convertAnthropicMessagesRequestToCanonical({
        ...base,
        messages: [
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'search_result', source: 's', title: 't', content: [] }] }] },
        ],
      }),
    (error: unknown) => error instanceof GatewayError && error.param === 'messages.0.content.0.content.0.type',
  );
  const reference = convertAnthropicMessagesRequestToCanonical({
    ...base,
    messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'tool_reference', tool_name: 'Grep' }] }] }],
  });
  assert.deepEqual(reference.value.messages, [{ role: 'tool', content: [{ type: 'tool-result', toolCallId: 't', content: [] }] }]);
  assert.deepEqual(reference.warnings, [{ type: 'dropped', feature: 'messages.0.content.0.content.0.type', detail: 'tool_reference blocks are not carried' }]);
  assert.throws(
    () =>
      convertAnthropicMessagesRequestToCanonical({
        ...base,
        messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'f' } }] }],
      }),
    (error: unknown) => error instanceof GatewayError && error.param === 'messages.0.content.0.source',
  );
  const { value, warnings } = convertAnthropicMessagesRequestToCanonical({
    ...base,
    messages: [
      { role: 'user', content: 'search' },
      {
        role: 'assistant',
        content: [
          { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'q' } },
          { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
          { type: 'text', text: 'Found it.', citations: [{ type: 'web_search_result_location', url: 'u' }] },
        ],
      },
    ],
  });
  assert.deepEqual(value.messages[1], { role: 'assistant', content: [{ type: 'text', text: 'Found it.' }] });
  assert.deepEqual(warnings, [
    { type: 'dropped', feature: 'messages.1.content.0.type', detail: 'server_tool_use blocks (server tools) are not carried' },
    { type: 'dropped', feature: 'messages.1.content.1.type', detail: 'web_search_tool_result blocks (server tools) are not carried' },
    { type: 'dropped', feature: 'messages.1.content.2.citations' },
  ]);
});

test('malformed fields are a 400 naming the field, Anthropic style', () => {
  const invalid = (body: unknown, param: string) =>
    assert.throws(
      () => convertAnthropicMessagesRequestToCanonical(body),
      (error: unknown) =>
        error instanceof GatewayError && error.code === 'GW_ERR_INVALID_REQUEST' && error.param === param && error.message.startsWith(`${param}: `),
    );
  invalid({ model: 'm', messages: [] }, 'max_tokens');
  invalid({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: [{ type: 'text' }] }] }, 'messages.0.content.0.text');
  invalid({ model: 'm', max_tokens: 1, messages: [{ role: 'robot', content: 'x' }] }, 'messages.0.role');
  invalid({ model: 'm', max_tokens: 1, messages: [], tools: [{ name: 'f' }] }, 'tools.0.input_schema');
  invalid({ model: 'm', max_tokens: 1, messages: [], thinking: { type: 'enabled' } }, 'thinking.budget_tokens');
  assert.throws(
    () => convertAnthropicMessagesRequestToCanonical('junk'),
    (error: unknown) => error instanceof GatewayError && error.param === undefined,
  );
});
