import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import type { CanonicalRequest } from '../../canonical/canonical-request.ts';
import { convertOpenAIResponsesRequestToCanonical } from './convert-openai-responses-request-to-canonical.ts';
import { convertToOpenAIResponsesRequest } from './convert-to-openai-responses-request.ts';
import { openaiResponsesRequestSchema } from './openai-responses-wire-schema.ts';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../../../shared/fixtures/responses/${name}`, import.meta.url), 'utf8'));
const roundTrip = (body: unknown) => convertToOpenAIResponsesRequest(convertOpenAIResponsesRequestToCanonical(openaiResponsesRequestSchema.parse(body)).value);

test('nonstream-function-call-output round trip: the stateless fixture comes back, items in the explicit form, store: false, strict explicit', () => {
  const original = fixture('nonstream-function-call-output.request.json');
  const { value, warnings } = roundTrip(original);
  const [tool] = original['tools'] as Record<string, unknown>[];
  assert.deepEqual(value, {
    model: 'gpt-5.4',
    input: [
      // The fixture's easy-message form (`{role, content: "…"}`) is sent as an explicit message with parts;
      // the function_call's item id and status are not sent back (Responses does not need them).
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'What is the weather like in Boston today?' }] },
      { type: 'function_call', call_id: 'call_unLAR8MvFNptuiZK6K6HCy5k', name: 'get_current_weather', arguments: '{"location":"Boston, MA","unit":"celsius"}' },
      { type: 'function_call_output', call_id: 'call_unLAR8MvFNptuiZK6K6HCy5k', output: '{"temperature": 18, "unit": "celsius", "conditions": "cloudy"}' },
    ],
    // Unset `strict` (strict when the schema allows) cannot be said in canonical: sent as false.
    tools: [{ ...tool, strict: false }],
    store: false,
  });
  assert.deepEqual(warnings, []);
});

test('stream-reasoning round trip: reasoning on asks for encrypted reasoning and store: false', () => {
  assert.deepEqual(roundTrip(fixture('stream-reasoning.request.json')).value, {
    ...fixture('stream-reasoning.request.json'),
    input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello!' }] }],
  });
});

test('stream-text and stream-function-call round trips are lossless apart from the explicit forms', () => {
  assert.deepEqual(roundTrip(fixture('stream-text.request.json')).value, {
    model: 'gpt-5.4',
    instructions: 'You are a helpful assistant.',
    input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello!' }] }],
    store: false,
    stream: true,
  });
  const functionCall = fixture('stream-function-call.request.json');
  assert.deepEqual(roundTrip(functionCall).value.tools, functionCall['tools']);
});

const fromAnthropic: CanonicalRequest = {
  model: 'gpt-5.4',
  system: [
    { type: 'text', text: 'You are Claude Code.', cacheControl: { type: 'ephemeral' } },
    { type: 'text', text: 'Be brief.' },
  ],
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Look' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Hmm.', signature: 'EqQBCkYIBxgC' },
        { type: 'text', text: 'Running two tools.' },
        { type: 'tool-call', id: 'toolu_1', name: 'Read', arguments: '{"path":"a"}' },
        { type: 'tool-call', id: 'toolu_2', name: 'Read', arguments: '{"path":"b"}' },
      ],
    },
    {
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'toolu_1', content: 'A' },
        {
          type: 'tool-result',
          toolCallId: 'toolu_2',
          content: [
            { type: 'text', text: 'B' },
            { type: 'image', source: { kind: 'url', url: 'https://x/y.png' }, detail: 'low' },
          ],
          isError: true,
        },
      ],
    },
    { role: 'system', content: [{ type: 'text', text: 'Mid-conversation reminder.' }] },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'From OpenAI.', id: 'rs_1', encryptedContent: 'gAAAA-opaque' },
        { type: 'text', text: 'One' },
        { type: 'text', text: 'Two' },
      ],
    },
  ],
  tools: [
    {
      name: 'Read',
      description: 'Reads a file.',
      inputSchema: { type: 'object', properties: { path: { type: 'string' } } },
      cacheControl: { type: 'ephemeral' },
    },
  ],
  toolChoice: { type: 'tool', name: 'Read' },
  parallelToolCalls: false,
  maxOutputTokens: 32000,
  temperature: 1,
  topK: 5,
  stopSequences: ['END'],
  stream: true,
  reasoning: { enabled: true, budgetTokens: 10000 },
  responseFormat: { type: 'json-schema', schema: { type: 'object' } },
  userId: 'user_abc',
};

test('a canonical request from an Anthropic client: instructions joined, reasoning/text/calls as items, lossy parts warned', () => {
  const { value, warnings } = convertToOpenAIResponsesRequest(fromAnthropic);
  assert.deepEqual(value, {
    model: 'gpt-5.4',
    instructions: 'You are Claude Code.\n\nBe brief.',
    input: [
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'Look' },
          { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'auto' },
        ],
      },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Running two tools.' }] },
      { type: 'function_call', call_id: 'toolu_1', name: 'Read', arguments: '{"path":"a"}' },
      { type: 'function_call', call_id: 'toolu_2', name: 'Read', arguments: '{"path":"b"}' },
      { type: 'function_call_output', call_id: 'toolu_1', output: 'A' },
      {
        type: 'function_call_output',
        call_id: 'toolu_2',
        output: [
          { type: 'input_text', text: 'B' },
          { type: 'input_image', image_url: 'https://x/y.png', detail: 'low' },
        ],
      },
      { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'Mid-conversation reminder.' }] },
      { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'From OpenAI.' }], encrypted_content: 'gAAAA-opaque' },
      {
        type: 'message',
        role: 'assistant',
        content: [
          { type: 'output_text', text: 'One' },
          { type: 'output_text', text: 'Two' },
        ],
      },
    ],
    tools: [
      { type: 'function', name: 'Read', description: 'Reads a file.', parameters: { type: 'object', properties: { path: { type: 'string' } } }, strict: false },
    ],
    tool_choice: { type: 'function', name: 'Read' },
    parallel_tool_calls: false,
    max_output_tokens: 32000,
    temperature: 1,
    reasoning: { effort: 'medium' },
    include: ['reasoning.encrypted_content'],
    text: { format: { type: 'json_schema', name: 'response', schema: { type: 'object' } } },
    store: false,
    stream: true,
    safety_identifier: 'user_abc',
  });
  assert.deepEqual(warnings, [
    { type: 'dropped', feature: 'reasoning', detail: 'only reasoning from an OpenAI Responses model (encrypted_content and its id) can be sent back' },
    { type: 'dropped', feature: 'is_error', detail: 'Responses tool outputs have no error flag' },
    { type: 'dropped', feature: 'cache_control', detail: 'OpenAI caches prompts automatically' },
    { type: 'unsupported', feature: 'top_k' },
    { type: 'unsupported', feature: 'stop_sequences', detail: 'Responses has no stop parameter' },
    { type: 'adjusted', feature: 'budget_tokens', detail: '10000 sent as reasoning.effort "medium"' },
    { type: 'adjusted', feature: 'json_schema.name', detail: 'named "response"' },
  ]);
});

test('reasoning: effort passes (max included), summary passes, disabled without effort is left out, json_object and text formats', () => {
  const base: CanonicalRequest = { model: 'm', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }], tools: [], stream: false };
  assert.deepEqual(convertToOpenAIResponsesRequest({ ...base, reasoning: { enabled: true, effort: 'max', summary: 'detailed' } }).value.reasoning, {
    effort: 'max',
    summary: 'detailed',
  });
  const none = convertToOpenAIResponsesRequest({ ...base, reasoning: { enabled: false, effort: 'none' } }).value;
  assert.deepEqual(none.reasoning, { effort: 'none' });
  assert.equal(none.include, undefined);
  const disabled = convertToOpenAIResponsesRequest({ ...base, reasoning: { enabled: false } });
  assert.equal(disabled.value.reasoning, undefined);
  assert.equal(disabled.warnings[0]?.feature, 'thinking');
  assert.deepEqual(convertToOpenAIResponsesRequest({ ...base, reasoning: { enabled: true, adaptive: true } }).value.reasoning, {});
  assert.deepEqual(convertToOpenAIResponsesRequest({ ...base, responseFormat: { type: 'json-object' } }).value.text, { format: { type: 'json_object' } });
  assert.deepEqual(convertToOpenAIResponsesRequest({ ...base, responseFormat: { type: 'text' } }).value.text, { format: { type: 'text' } });
  const longUser = convertToOpenAIResponsesRequest({ ...base, userId: 'x'.repeat(65) });
  assert.equal(longUser.value.safety_identifier, undefined);
  assert.equal(longUser.warnings[0]?.feature, 'user_id');
});
