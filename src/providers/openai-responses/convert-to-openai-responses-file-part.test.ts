import assert from 'node:assert/strict';
import test from 'node:test';
import type { CanonicalMessage } from '../../canonical/canonical-content.ts';
import { convertOpenAIResponsesRequestToCanonical } from './convert-openai-responses-request-to-canonical.ts';
import { convertToOpenAIResponsesRequest } from './convert-to-openai-responses-request.ts';
import { openaiResponsesRequestSchema } from './openai-responses-wire-schema.ts';

const pdf = 'JVBERi0xLjQK';
const convert = (messages: CanonicalMessage[]) => convertToOpenAIResponsesRequest({ model: 'gpt-5.4', system: [], messages, tools: [], stream: false });

test('a canonical file becomes input_file (file_data + filename, or file_url); plain text becomes input_text with its title first', () => {
  const { value, warnings } = convert([
    {
      role: 'user',
      content: [
        { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: pdf } },
        { type: 'file', source: { kind: 'base64', mediaType: 'text/plain', data: 'aGk=' }, filename: 'notes.txt' },
        { type: 'file', source: { kind: 'url', url: 'https://example.com/a.pdf' } },
        { type: 'file', source: { kind: 'url', url: 'https://example.com/b' }, filename: 'b.pdf' },
        { type: 'file', source: { kind: 'text', mediaType: 'text/plain', text: 'Grass is green.' }, title: 'Facts' },
        { type: 'text', text: 'Summarise these.' },
      ],
    },
  ]);
  assert.deepEqual(warnings, []);
  assert.deepEqual(value.input, [
    {
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_file', filename: 'document.pdf', file_data: `data:application/pdf;base64,${pdf}` },
        { type: 'input_file', filename: 'notes.txt', file_data: 'data:text/plain;base64,aGk=' },
        { type: 'input_file', file_url: 'https://example.com/a.pdf' },
        { type: 'input_file', file_url: 'https://example.com/b', filename: 'b.pdf' },
        { type: 'input_text', text: 'Facts\nGrass is green.' },
        { type: 'input_text', text: 'Summarise these.' },
      ],
    },
  ]);
});

test('a document title and cache_control are dropped with a warning each', () => {
  const { warnings } = convert([
    {
      role: 'user',
      content: [{ type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: pdf }, title: 'Report', cacheControl: { type: 'ephemeral' } }],
    },
  ]);
  assert.deepEqual(warnings, [
    { type: 'dropped', feature: 'cache_control', detail: 'OpenAI caches prompts automatically' },
    { type: 'dropped', feature: 'document.title', detail: 'input_file parts have a filename only' },
  ]);
});

test('a file in a tool result goes inside the function_call_output array', () => {
  const { value } = convert([
    { role: 'user', content: [{ type: 'text', text: 'Read' }] },
    { role: 'assistant', content: [{ type: 'tool-call', id: 'call_1', name: 'read', arguments: '{}' }] },
    {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'call_1',
          content: [{ type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: pdf }, filename: 'a.pdf' }],
        },
      ],
    },
  ]);
  assert.deepEqual(value.input[2], {
    type: 'function_call_output',
    call_id: 'call_1',
    output: [{ type: 'input_file', filename: 'a.pdf', file_data: `data:application/pdf;base64,${pdf}` }],
  });
});

test('input_file parts survive Responses -> canonical -> Responses', () => {
  const content = [
    { type: 'input_file', filename: 'report.pdf', file_data: `data:application/pdf;base64,${pdf}` },
    { type: 'input_file', file_url: 'https://example.com/letter.pdf' },
    { type: 'input_text', text: 'Compare them.' },
  ];
  const canonical = convertOpenAIResponsesRequestToCanonical(
    openaiResponsesRequestSchema.parse({ model: 'gpt-5.4', input: [{ type: 'message', role: 'user', content }] }),
  );
  const back = convertToOpenAIResponsesRequest(canonical.value);
  assert.deepEqual(back.value.input, [{ type: 'message', role: 'user', content }]);
  assert.deepEqual(back.warnings, []);
});
