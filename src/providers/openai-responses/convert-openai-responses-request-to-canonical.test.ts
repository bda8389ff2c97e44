import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { GatewayError } from '../../errors/gateway-error.ts';
import { convertOpenAIResponsesRequestToCanonical } from './convert-openai-responses-request-to-canonical.ts';
import { convertOpenAIResponsesToolsToCanonical } from './convert-openai-responses-tools-to-canonical.ts';
import { openaiResponsesRequestSchema } from './openai-responses-wire-schema.ts';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../../shared/fixtures/responses/${name}`, import.meta.url), 'utf8'));
const convert = (body: unknown) => convertOpenAIResponsesRequestToCanonical(openaiResponsesRequestSchema.parse(body));

const weatherParameters = {
  type: 'object',
  properties: {
    location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
    unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
  },
  required: ['location', 'unit'],
};

test('nonstream-text: a string input is one user message', () => {
  assert.deepEqual(convert(fixture('nonstream-text.request.json')), {
    value: {
      model: 'gpt-4o-mini',
      system: [],
      messages: [{ role: 'user', content: [{ type: 'text', text: "What's the weather like in SF?" }] }],
      tools: [],
      stream: false,
    },
    warnings: [],
  });
});

test('stream-text: instructions become the system prompt', () => {
  assert.deepEqual(convert(fixture('stream-text.request.json')), {
    value: {
      model: 'gpt-5.4',
      system: [{ type: 'text', text: 'You are a helpful assistant.' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello!' }] }],
      tools: [],
      stream: true,
    },
    warnings: [],
  });
});

test('nonstream-function-call: a flat function tool without strict keeps strict unset, tool_choice auto', () => {
  assert.deepEqual(convert(fixture('nonstream-function-call.request.json')), {
    value: {
      model: 'gpt-5.4',
      system: [],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is the weather like in Boston today?' }] }],
      tools: [{ name: 'get_current_weather', description: 'Get the current weather in a given location', inputSchema: weatherParameters }],
      toolChoice: { type: 'auto' },
      stream: false,
    },
    warnings: [],
  });
});

test('stream-function-call: strict: true is kept', () => {
  const { value } = convert(fixture('stream-function-call.request.json'));
  assert.equal(value.tools[0]?.strict, true);
  assert.equal(value.stream, true);
});

test('nonstream-function-call-output: the function_call joins an assistant message, the output is a tool message; item ids are ignored', () => {
  const { value, warnings } = convert(fixture('nonstream-function-call-output.request.json'));
  assert.deepEqual(value.messages, [
    { role: 'user', content: [{ type: 'text', text: 'What is the weather like in Boston today?' }] },
    {
      role: 'assistant',
      content: [
        { type: 'tool-call', id: 'call_unLAR8MvFNptuiZK6K6HCy5k', name: 'get_current_weather', arguments: '{"location":"Boston, MA","unit":"celsius"}' },
      ],
    },
    {
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'call_unLAR8MvFNptuiZK6K6HCy5k', content: '{"temperature": 18, "unit": "celsius", "conditions": "cloudy"}' },
      ],
    },
  ]);
  assert.deepEqual(warnings, []);
});

test('stream-reasoning: effort and summary, max_output_tokens; include of encrypted reasoning and store: false need no warning', () => {
  assert.deepEqual(convert(fixture('stream-reasoning.request.json')), {
    value: {
      model: 'o4-mini',
      system: [],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello!' }] }],
      tools: [],
      stream: true,
      maxOutputTokens: 2048,
      reasoning: { enabled: true, effort: 'medium', summary: 'auto' },
    },
    warnings: [],
  });
});

/** What Codex sends: ids on every item, developer instructions, reasoning with encrypted content, custom/namespace/hosted tools. */
const codexRequest = {
  model: 'gpt-5.4',
  stream: true,
  store: false,
  include: ['reasoning.encrypted_content'],
  tool_choice: 'auto',
  parallel_tool_calls: true,
  reasoning: { effort: 'high', summary: 'auto' },
  prompt_cache_key: 'session-1',
  client_metadata: { session: 'abc' },
  text: { verbosity: 'low' },
  input: [
    { type: 'message', id: 'msg_a', role: 'developer', content: [{ type: 'input_text', text: 'You are Codex.' }] },
    {
      type: 'message',
      id: 'msg_b',
      role: 'user',
      content: [
        { type: 'input_text', text: 'Fix the bug.' },
        { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'high' },
      ],
    },
    {
      type: 'reasoning',
      id: 'rs_1',
      summary: [
        { type: 'summary_text', text: 'Looking.' },
        { type: 'summary_text', text: 'Found it.' },
      ],
      encrypted_content: 'gAAAAB-opaque',
    },
    { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'shell', arguments: '{"command":["ls"]}', status: 'completed' },
    { type: 'function_call', id: 'fc_2', call_id: 'call_2', name: 'search_issues', namespace: 'mcp__github__', arguments: '{}' },
    { type: 'function_call_output', id: 'fco_1', call_id: 'call_1', output: 'a.txt' },
    { type: 'function_call_output', call_id: 'call_2', output: [{ type: 'input_text', text: 'none' }] },
    { type: 'custom_tool_call', id: 'ctc_1', call_id: 'call_3', name: 'apply_patch', input: '*** Begin Patch\n*** End Patch' },
    { type: 'custom_tool_call_output', call_id: 'call_3', output: 'Done!' },
    { type: 'web_search_call', id: 'ws_1', status: 'completed', action: { type: 'search', query: 'x' } },
    { type: 'message', id: 'msg_c', role: 'developer', content: 'Mid-conversation note.' },
    { type: 'message', id: 'msg_d', role: 'assistant', content: [{ type: 'output_text', text: 'Patched.', annotations: [] }] },
    { role: 'user', content: 'Thanks' },
  ],
  tools: [
    {
      type: 'function',
      name: 'shell',
      description: 'Runs a command.',
      strict: false,
      parameters: { type: 'object', properties: { command: { type: 'array', items: { type: 'string' } } }, required: ['command'] },
    },
    { type: 'custom', name: 'apply_patch', description: 'Edit files.', format: { type: 'grammar', syntax: 'lark', definition: 'start: "*** Begin Patch"' } },
    {
      type: 'namespace',
      name: 'mcp__github__',
      description: 'GitHub tools.',
      tools: [{ type: 'function', name: 'search_issues', description: 'Search issues.', parameters: { type: 'object', properties: {} } }],
    },
    { type: 'web_search', external_web_access: false },
    { type: 'tool_search', execution: 'client', description: 'Find tools.', parameters: {} },
  ],
};

test('a Codex request: every item kind, developer messages in place, hosted tools and items dropped with warnings', () => {
  const { value, warnings } = convert(codexRequest);
  assert.deepEqual(value.system, [{ type: 'text', text: 'You are Codex.' }]);
  assert.deepEqual(value.messages, [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Fix the bug.' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' }, detail: 'high' },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Looking.\n\nFound it.', id: 'rs_1', encryptedContent: 'gAAAAB-opaque' },
        { type: 'tool-call', id: 'call_1', name: 'shell', arguments: '{"command":["ls"]}' },
        { type: 'tool-call', id: 'call_2', name: 'mcp__github__search_issues', arguments: '{}' },
      ],
    },
    {
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'call_1', content: 'a.txt' },
        { type: 'tool-result', toolCallId: 'call_2', content: [{ type: 'text', text: 'none' }] },
      ],
    },
    { role: 'assistant', content: [{ type: 'tool-call', id: 'call_3', name: 'apply_patch', arguments: '{"input":"*** Begin Patch\\n*** End Patch"}' }] },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_3', content: 'Done!' }] },
    { role: 'system', content: [{ type: 'text', text: 'Mid-conversation note.' }] },
    { role: 'assistant', content: [{ type: 'text', text: 'Patched.' }] },
    { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
  ]);
  assert.deepEqual(
    value.tools.map((tool) => tool.name),
    ['shell', 'apply_patch', 'mcp__github__search_issues'],
  );
  assert.deepEqual(value.tools[1], {
    name: 'apply_patch',
    description: 'Edit files.',
    inputSchema: {
      type: 'object',
      properties: {
        input: {
          type: 'string',
          description: 'The raw input text for this tool (not JSON-encoded inside the string). It must match this lark grammar:\nstart: "*** Begin Patch"',
        },
      },
      required: ['input'],
      additionalProperties: false,
    },
  });
  assert.deepEqual(value.tools[2], {
    name: 'mcp__github__search_issues',
    description: 'GitHub tools.\n\nSearch issues.',
    inputSchema: { type: 'object', properties: {} },
  });
  assert.equal(value.tools[0]?.strict, false);
  assert.deepEqual(value.toolChoice, { type: 'auto' });
  assert.equal(value.parallelToolCalls, true);
  assert.deepEqual(value.reasoning, { enabled: true, effort: 'high', summary: 'auto' });
  assert.deepEqual(warnings, [
    { type: 'dropped', feature: 'input.web_search_call', detail: 'this item type cannot be sent to this provider' },
    { type: 'dropped', feature: 'tools.web_search', detail: 'hosted tools cannot run on this provider' },
    { type: 'dropped', feature: 'tools.tool_search', detail: 'hosted tools cannot run on this provider' },
    { type: 'unsupported', feature: 'text.verbosity' },
    { type: 'unsupported', feature: 'client_metadata' },
    { type: 'unsupported', feature: 'prompt_cache_key' },
  ]);
});

test('tool origins: custom and namespaced tools are listed, plain functions are not', () => {
  const { value } = convertOpenAIResponsesToolsToCanonical(codexRequest.tools);
  assert.deepEqual(
    [...value.origins],
    [
      ['apply_patch', { kind: 'custom', name: 'apply_patch' }],
      ['mcp__github__search_issues', { kind: 'function', name: 'search_issues', namespace: 'mcp__github__' }],
    ],
  );
  const plainNamespace = convertOpenAIResponsesToolsToCanonical([{ type: 'namespace', name: 'clock', tools: [{ type: 'function', name: 'sleep' }] }]);
  assert.deepEqual(plainNamespace.value.tools, [{ name: 'clock__sleep', inputSchema: { type: 'object', properties: {} } }]);
});

test("reasoning items carrying another provider's signature or redacted data (wrapped by the encoders) unwrap to canonical fields", () => {
  const { value } = convert({
    model: 'claude',
    input: [
      { role: 'user', content: 'Hi' },
      { type: 'reasoning', id: 'rs_x', summary: [{ type: 'summary_text', text: 'Thinking.' }], encrypted_content: 'llm-proxy:signature:EqQBCkYIBxgC' },
      { type: 'reasoning', id: 'rs_y', summary: [], encrypted_content: 'llm-proxy:redacted:EmwKAhgB' },
      { type: 'message', role: 'assistant', content: 'Hello' },
    ],
  });
  assert.deepEqual(value.messages[1], {
    role: 'assistant',
    content: [
      { type: 'reasoning', text: 'Thinking.', id: 'rs_x', signature: 'EqQBCkYIBxgC' },
      { type: 'reasoning', text: '', id: 'rs_y', redactedData: 'EmwKAhgB' },
      { type: 'text', text: 'Hello' },
    ],
  });
});

test('other top-level fields: tool_choice by name, text.format json_schema, safety_identifier over user, store: true warned', () => {
  const { value, warnings } = convert({
    model: 'm',
    input: 'x',
    tool_choice: { type: 'function', name: 'shell' },
    text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true } },
    safety_identifier: 'user-1',
    user: 'legacy',
    store: true,
    temperature: 0.2,
    top_p: 0.9,
    reasoning: { effort: 'none' },
    metadata: { a: 'b' },
    include: ['message.output_text.logprobs'],
  });
  assert.deepEqual(value.toolChoice, { type: 'tool', name: 'shell' });
  assert.deepEqual(value.responseFormat, { type: 'json-schema', name: 'answer', schema: { type: 'object' }, strict: true });
  assert.equal(value.userId, 'user-1');
  assert.equal(value.temperature, 0.2);
  assert.equal(value.topP, 0.9);
  assert.deepEqual(value.reasoning, { enabled: false, effort: 'none' });
  assert.deepEqual(warnings, [
    { type: 'dropped', feature: 'user', detail: 'safety_identifier takes precedence' },
    { type: 'dropped', feature: 'store', detail: 'responses are not stored by a translating gateway' },
    { type: 'unsupported', feature: 'include.message.output_text.logprobs' },
    { type: 'unsupported', feature: 'metadata' },
  ]);
  assert.deepEqual(convert({ model: 'm', input: 'x', text: { format: { type: 'json_object' } } }).value.responseFormat, { type: 'json-object' });
});

function assertRejected(body: unknown, param: string): void {
  assert.throws(
    () => convert(body),
    (error: unknown) => error instanceof GatewayError && error.code === 'GW_ERR_INVALID_REQUEST' && error.param === param,
    param,
  );
}

test('stateful requests and untranslatable content are a 400 naming the field', () => {
  assertRejected({ model: 'm', input: 'x', previous_response_id: 'resp_1' }, 'previous_response_id');
  assertRejected({ model: 'm', input: 'x', conversation: 'conv_1' }, 'conversation');
  assertRejected({ model: 'm', input: 'x', prompt: { id: 'pmpt_1' } }, 'prompt');
  assertRejected({ model: 'm', input: 'x', background: true }, 'background');
  assertRejected({ model: 'm' }, 'input');
  assertRejected({ model: 'm', input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'file_1' }] }] }, 'input[0].content[0].file_id');
  assertRejected(
    { model: 'm', input: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AAA', format: 'wav' } }] }] },
    'input[0].content[0]',
  );
  assertRejected({ model: 'm', input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file_1' }] }] }, 'input[0].content[0].file_id');
  assertRejected({ model: 'm', input: [{ type: 'function_call', call_id: 'c', arguments: '{}' }] }, 'input[0].name');
  assertRejected({ model: 'm', input: [{ role: 'tool', content: 'x' }] }, 'input[0].role');
  assertRejected({ model: 'm', input: 'x', tool_choice: { type: 'allowed_tools', mode: 'auto', tools: [] } }, 'tool_choice');
  assertRejected({ model: 'm', input: 'x', tool_choice: { type: 'web_search_preview' } }, 'tool_choice');
  assertRejected({ model: 'm', input: 'x', reasoning: { effort: 'extreme' } }, 'reasoning.effort');
  assertRejected({ model: 'm', input: 'x', tools: [{ type: 'function' }] }, 'tools[0].name');
});
