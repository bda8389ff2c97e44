import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import type { CanonicalRequest } from '../../canonical/canonical-request.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { convertOpenAIChatRequestToCanonical } from './convert-openai-chat-request-to-canonical.ts';
import { type OpenAIChatRequest, openaiChatRequestSchema } from './openai-chat-wire-schema.ts';

const fixture = (name: string): OpenAIChatRequest =>
  openaiChatRequestSchema.parse(JSON.parse(readFileSync(new URL(`../../../../shared/fixtures/openai-chat/${name}`, import.meta.url), 'utf8')));

const convert = (body: Record<string, unknown>) => convertOpenAIChatRequestToCanonical(openaiChatRequestSchema.parse(body));

const weatherTool = {
  name: 'GetWeatherArgs',
  description: 'Get the temperature for the given country/city combo',
  strict: true,
  inputSchema: {
    properties: {
      city: { title: 'City', type: 'string' },
      country: { title: 'Country', type: 'string' },
      units: { default: 'c', enum: ['c', 'f'], title: 'Units', type: 'string' },
    },
    required: ['city', 'country', 'units'],
    title: 'GetWeatherArgs',
    type: 'object',
    additionalProperties: false,
  },
};
const stockTool = {
  name: 'get_stock_price',
  description: 'Fetch the latest price for a given ticker',
  strict: true,
  inputSchema: {
    properties: { ticker: { title: 'Ticker', type: 'string' }, exchange: { title: 'Exchange', type: 'string' } },
    required: ['ticker', 'exchange'],
    title: 'GetStockPrice',
    type: 'object',
    additionalProperties: false,
  },
};
const twoQuestions = [
  { role: 'user', content: [{ type: 'text', text: "What's the weather like in Edinburgh?" }] },
  { role: 'user', content: [{ type: 'text', text: "What's the price of AAPL?" }] },
] as const;
const helloConversation = {
  system: [{ type: 'text', text: 'You are a helpful assistant.' }],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello!' }] }],
} as const;

const expectedByFixture: Record<string, CanonicalRequest> = {
  'nonstream-text.request.json': { model: 'gpt-5.4', ...helloConversation, tools: [], stream: false },
  'stream-text.request.json': { model: 'gpt-4o-mini', ...helloConversation, tools: [], stream: true },
  'stream-usage.request.json': {
    model: 'gpt-5.4',
    ...helloConversation,
    tools: [],
    stream: true,
    streamUsage: true,
    maxOutputTokens: 256,
    temperature: 0.2,
    stopSequences: ['\n\n'],
  },
  'nonstream-image.request.json': {
    model: 'gpt-5.4',
    system: [],
    messages: [
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
        ],
      },
    ],
    tools: [],
    stream: false,
    maxOutputTokens: 300,
  },
  'nonstream-tool-calls.request.json': { model: 'gpt-4o-2024-08-06', system: [], messages: twoQuestions, tools: [weatherTool, stockTool], stream: false },
  'stream-tool-calls.request.json': {
    model: 'gpt-4o-2024-08-06',
    system: [],
    messages: twoQuestions,
    tools: [weatherTool, stockTool],
    stream: true,
    streamUsage: true,
  },
  'nonstream-tool-result.request.json': {
    model: 'gpt-4o-mini',
    system: [],
    messages: [
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
    ],
    tools: [
      {
        name: 'get_weather',
        description: 'Lookup the weather for a given city in either celsius or fahrenheit',
        inputSchema: {
          additionalProperties: false,
          properties: {
            location: { description: 'The city and state, e.g. San Francisco, CA', title: 'Location', type: 'string' },
            units: { description: "Unit for the output, either 'c' for celsius or 'f' for fahrenheit", enum: ['c', 'f'], title: 'Units', type: 'string' },
          },
          required: ['location', 'units'],
          type: 'object',
        },
      },
    ],
    stream: false,
    maxOutputTokens: 1024,
  },
  'stream-length.request.json': {
    model: 'gpt-4o-2024-08-06',
    system: [],
    messages: [{ role: 'user', content: [{ type: 'text', text: "What's the weather like in SF?" }] }],
    tools: [],
    stream: true,
    streamUsage: true,
    maxOutputTokens: 1,
    responseFormat: {
      type: 'json-schema',
      name: 'Location',
      strict: true,
      schema: {
        properties: {
          city: { title: 'City', type: 'string' },
          temperature: { title: 'Temperature', type: 'number' },
          units: { enum: ['c', 'f'], title: 'Units', type: 'string' },
        },
        required: ['city', 'temperature', 'units'],
        title: 'Location',
        type: 'object',
        additionalProperties: false,
      },
    },
  },
};

for (const [name, expected] of Object.entries(expectedByFixture)) {
  test(`${name} -> canonical, without warnings`, () => {
    assert.deepEqual(convertOpenAIChatRequestToCanonical(fixture(name)), { value: expected, warnings: [] });
  });
}

test('system/developer messages: leading ones become the top-level system in order, later ones stay in place', () => {
  const { value } = convert({
    model: 'm',
    messages: [
      { role: 'system', content: 'One.' },
      {
        role: 'developer',
        content: [
          { type: 'text', text: 'Two.' },
          { type: 'text', text: 'Three.' },
        ],
      },
      { role: 'user', content: 'Hi' },
      { role: 'developer', content: 'Now answer in French.' },
      { role: 'user', content: 'Again' },
    ],
  });
  assert.deepEqual(value.system, [
    { type: 'text', text: 'One.' },
    { type: 'text', text: 'Two.' },
    { type: 'text', text: 'Three.' },
  ]);
  assert.deepEqual(value.messages, [
    { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
    { role: 'system', content: [{ type: 'text', text: 'Now answer in French.' }] },
    { role: 'user', content: [{ type: 'text', text: 'Again' }] },
  ]);
});

test('parallel tool results (consecutive tool messages) become one canonical tool message; assistant reasoning_content is kept', () => {
  const { value } = convert({
    model: 'm',
    messages: [
      { role: 'user', content: 'Weather and stock?' },
      {
        role: 'assistant',
        content: '',
        reasoning_content: 'Two lookups.',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_2', type: 'function', function: { name: 'stock', arguments: '{"ticker":"AAPL"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'Sunny' },
      { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: '123' }] },
      { role: 'user', content: 'Thanks' },
      { role: 'tool', tool_call_id: 'call_3', content: 'late' },
    ],
  });
  assert.deepEqual(value.messages.slice(1), [
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Two lookups.' },
        { type: 'tool-call', id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' },
        { type: 'tool-call', id: 'call_2', name: 'stock', arguments: '{"ticker":"AAPL"}' },
      ],
    },
    {
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'call_1', content: 'Sunny' },
        { type: 'tool-result', toolCallId: 'call_2', content: [{ type: 'text', text: '123' }] },
      ],
    },
    { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_3', content: 'late' }] },
  ]);
});

test('a base64 data URL becomes a base64 image source with its media type; detail is kept', () => {
  const { value } = convert({
    model: 'm',
    messages: [
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } },
          { type: 'image_url', image_url: { url: 'data:text/plain,hello' } },
        ],
      },
    ],
  });
  assert.deepEqual(value.messages[0], {
    role: 'user',
    content: [
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' }, detail: 'low' },
      { type: 'image', source: { kind: 'url', url: 'data:text/plain,hello' } },
    ],
  });
});

test('assistant refusals become text with a warning', () => {
  const result = convert({
    model: 'm',
    messages: [
      { role: 'user', content: 'x' },
      { role: 'assistant', content: [{ type: 'refusal', refusal: 'No.' }] },
      { role: 'assistant', content: null, refusal: 'Still no.' },
    ],
  });
  assert.deepEqual(result.value.messages.slice(1), [
    { role: 'assistant', content: [{ type: 'text', text: 'No.' }] },
    { role: 'assistant', content: [{ type: 'text', text: 'Still no.' }] },
  ]);
  assert.deepEqual(result.warnings, [{ type: 'adjusted', feature: 'messages[].refusal', detail: 'sent as assistant text' }]);
});

test('tool_choice, parallel_tool_calls, reasoning_effort, response_format, user ids, max_tokens precedence', () => {
  const base = { model: 'm', messages: [{ role: 'user', content: 'x' }] };
  const choices = ['auto', 'required', 'none', { type: 'function', function: { name: 'f' } }].map(
    (choice) => convert({ ...base, tool_choice: choice }).value.toolChoice,
  );
  assert.deepEqual(choices, [{ type: 'auto' }, { type: 'required' }, { type: 'none' }, { type: 'tool', name: 'f' }]);
  const result = convert({
    ...base,
    parallel_tool_calls: false,
    reasoning_effort: 'none',
    response_format: { type: 'json_object' },
    user: 'old-id',
    safety_identifier: 'hashed-id',
    max_tokens: 100,
    max_completion_tokens: 200,
    top_p: 0.9,
    stop: 'END',
  });
  assert.deepEqual(result.value, {
    model: 'm',
    system: [],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }],
    tools: [],
    stream: false,
    parallelToolCalls: false,
    maxOutputTokens: 200,
    topP: 0.9,
    stopSequences: ['END'],
    reasoning: { enabled: false, effort: 'none' },
    responseFormat: { type: 'json-object' },
    userId: 'hashed-id',
  });
  assert.deepEqual(result.warnings, [
    { type: 'dropped', feature: 'max_tokens', detail: 'max_completion_tokens takes precedence' },
    { type: 'dropped', feature: 'user', detail: 'safety_identifier takes precedence' },
  ]);
  assert.deepEqual(convert({ ...base, reasoning_effort: 'high', response_format: { type: 'text' } }).value.reasoning, { enabled: true, effort: 'high' });
});

test('a function without parameters gets an empty object schema', () => {
  const { value } = convert({ model: 'm', messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'function', function: { name: 'ping' } }] });
  assert.deepEqual(value.tools, [{ name: 'ping', inputSchema: { type: 'object', properties: {} } }]);
});

test('sampling extras and output side channels are dropped with warnings; defaults are not', () => {
  const result = convert({
    model: 'm',
    messages: [{ role: 'user', content: 'x', name: 'alice' }],
    logit_bias: { '50256': -100 },
    logprobs: true,
    top_logprobs: 2,
    seed: 7,
    frequency_penalty: 0,
    presence_penalty: 0.5,
    modalities: ['text'],
    audio: { voice: 'alloy', format: 'wav' },
    prediction: { type: 'content', content: 'x' },
    metadata: {},
    store: false,
    service_tier: 'auto',
    n: 1,
    stream_options: { include_obfuscation: false },
  });
  assert.deepEqual(result.warnings, [
    { type: 'dropped', feature: 'messages[].name', detail: 'participant names have no equivalent' },
    { type: 'unsupported', feature: 'logit_bias' },
    { type: 'unsupported', feature: 'logprobs' },
    { type: 'unsupported', feature: 'top_logprobs' },
    { type: 'unsupported', feature: 'seed' },
    { type: 'unsupported', feature: 'presence_penalty' },
    { type: 'unsupported', feature: 'audio' },
    { type: 'unsupported', feature: 'prediction' },
  ]);
});

const rejects = (body: Record<string, unknown>, param: string) => {
  assert.throws(
    () => convert({ model: 'm', ...body }),
    (error: unknown) => error instanceof GatewayError && error.code === 'GW_ERR_INVALID_REQUEST' && error.param === param,
    param,
  );
};

test('400 where dropping would change the meaning, naming the field', () => {
  const user = (content: unknown) => ({ messages: [{ role: 'user', content }] });
  rejects({ ...user('x'), n: 2 }, 'n');
  rejects(
    user([
      { type: 'text', text: 'Listen:' },
      { type: 'input_audio', input_audio: { data: 'AAA', format: 'wav' } },
    ]),
    'messages[0].content[1].type',
  );
  rejects(user([{ type: 'file', file: { file_id: 'file-1' } }]), 'messages[0].content[0].file.file_id');
  rejects({ messages: [{ role: 'function', name: 'f', content: '1' }] }, 'messages[0].role');
  rejects({ messages: [{ role: 'assistant', content: null, function_call: { name: 'f', arguments: '{}' } }] }, 'messages[0].function_call');
  rejects(
    { messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'custom', custom: { name: 'x', input: 'y' } }] }] },
    'messages[0].tool_calls[0].type',
  );
  rejects({ ...user('x'), functions: [{ name: 'f' }] }, 'functions');
  rejects({ ...user('x'), tools: [{ type: 'custom', custom: { name: 'apply_patch' } }] }, 'tools[0].type');
  rejects({ ...user('x'), tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [] } } }, 'tool_choice.type');
  rejects({ ...user('x'), web_search_options: {} }, 'web_search_options');
});

test('malformed fields the translator reads are a 400 naming the field', () => {
  rejects({ messages: [{ role: 'user', content: 42 }] }, 'messages[0].content');
  rejects({ messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role');
  rejects({ messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id');
  rejects({ messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'extreme' }, 'reasoning_effort');
  rejects({ messages: [{ role: 'user', content: 'x' }], stop: 5 }, 'stop');
});
