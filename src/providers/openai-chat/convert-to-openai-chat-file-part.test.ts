import assert from 'node:assert/strict';
import test from 'node:test';
import type { CanonicalMessage } from '../../canonical/canonical-content.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { convertOpenAIChatRequestToCanonical } from './convert-openai-chat-request-to-canonical.ts';
import { convertToOpenAIChatRequest } from './convert-to-openai-chat-request.ts';
import { openaiChatRequestSchema } from './openai-chat-wire-schema.ts';

const pdf = 'JVBERi0xLjQK';
const convert = (messages: CanonicalMessage[]) => convertToOpenAIChatRequest({ model: 'gpt-5.4', system: [], messages, tools: [], stream: false });

test('file bytes become a file part (data URL + filename, document.pdf by default); plain text becomes a text part with its title first', () => {
  const { value, warnings } = convert([
    {
      role: 'user',
      content: [
        { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: pdf }, filename: 'report.pdf' },
        { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: pdf } },
        { type: 'file', source: { kind: 'text', mediaType: 'text/plain', text: 'Grass is green.' }, title: 'Facts' },
        { type: 'file', source: { kind: 'text', mediaType: 'text/plain', text: 'Sky is blue.' } },
        { type: 'text', text: 'Summarise these.' },
      ],
    },
  ]);
  assert.deepEqual(warnings, []);
  assert.deepEqual(value.messages, [
    {
      role: 'user',
      content: [
        { type: 'file', file: { filename: 'report.pdf', file_data: `data:application/pdf;base64,${pdf}` } },
        { type: 'file', file: { filename: 'document.pdf', file_data: `data:application/pdf;base64,${pdf}` } },
        { type: 'text', text: 'Facts\nGrass is green.' },
        { type: 'text', text: 'Sky is blue.' },
        { type: 'text', text: 'Summarise these.' },
      ],
    },
  ]);
});

test('a document title has no field in a Chat file part: dropped with a warning; cache_control too, as for every part', () => {
  const { value, warnings } = convert([
    {
      role: 'user',
      content: [{ type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: pdf }, title: 'Report', cacheControl: { type: 'ephemeral' } }],
    },
  ]);
  assert.deepEqual(value.messages, [
    { role: 'user', content: [{ type: 'file', file: { filename: 'document.pdf', file_data: `data:application/pdf;base64,${pdf}` } }] },
  ]);
  assert.deepEqual(warnings, [
    { type: 'dropped', feature: 'cache_control', detail: 'OpenAI caches prompts automatically' },
    { type: 'dropped', feature: 'document.title', detail: 'Chat file parts have a filename only' },
  ]);
});

test('a file by URL is a 400 naming the part: Chat cannot fetch file URLs', () => {
  assert.throws(
    () =>
      convert([
        { role: 'user', content: [{ type: 'text', text: 'Read this' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'and this' },
            { type: 'file', source: { kind: 'url', url: 'https://example.com/a.pdf' } },
          ],
        },
      ]),
    (error: unknown) =>
      error instanceof GatewayError && error.code === 'GW_ERR_INVALID_REQUEST' && error.param === 'messages[1].content[1]' && error.message.includes('URL'),
  );
});

test('tool results: file bytes move to a user message after the results (warning), in order with images; plain text stays in the tool message', () => {
  const { value, warnings } = convert([
    { role: 'user', content: [{ type: 'text', text: 'Read both' }] },
    {
      role: 'assistant',
      content: [
        { type: 'tool-call', id: 'call_1', name: 'read', arguments: '{}' },
        { type: 'tool-call', id: 'call_2', name: 'read', arguments: '{}' },
      ],
    },
    {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'call_1',
          content: [
            { type: 'text', text: 'Here:' },
            { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: pdf }, filename: 'a.pdf' },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } },
          ],
        },
        { type: 'tool-result', toolCallId: 'call_2', content: [{ type: 'file', source: { kind: 'text', mediaType: 'text/plain', text: 'b' }, title: 'B' }] },
      ],
    },
  ]);
  assert.deepEqual(value.messages.slice(2), [
    { role: 'tool', tool_call_id: 'call_1', content: 'Here:' },
    { role: 'tool', tool_call_id: 'call_2', content: 'B\nb' },
    {
      role: 'user',
      content: [
        { type: 'file', file: { filename: 'a.pdf', file_data: `data:application/pdf;base64,${pdf}` } },
        { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
      ],
    },
  ]);
  assert.deepEqual(warnings, [
    { type: 'adjusted', feature: 'tool_result.image', detail: 'tool messages hold text only; images sent in a user message after the results' },
    { type: 'adjusted', feature: 'tool_result.file', detail: 'tool messages hold text only; files sent in a user message after the results' },
  ]);
});

test('a file by URL in a tool result is a 400 too', () => {
  assert.throws(
    () =>
      convert([
        { role: 'user', content: [{ type: 'text', text: 'Read' }] },
        { role: 'assistant', content: [{ type: 'tool-call', id: 'call_1', name: 'read', arguments: '{}' }] },
        {
          role: 'tool',
          content: [{ type: 'tool-result', toolCallId: 'call_1', content: [{ type: 'file', source: { kind: 'url', url: 'https://example.com/a.pdf' } }] }],
        },
      ]),
    (error: unknown) => error instanceof GatewayError && error.param === 'messages[2].content[0].content[0]',
  );
});

test('a Chat file part survives Chat -> canonical -> Chat', () => {
  const messages = [
    {
      role: 'user' as const,
      content: [
        { type: 'file' as const, file: { filename: 'report.pdf', file_data: `data:application/pdf;base64,${pdf}` } },
        { type: 'text' as const, text: 'What is in it?' },
      ],
    },
  ];
  const canonical = convertOpenAIChatRequestToCanonical(openaiChatRequestSchema.parse({ model: 'gpt-5.4', messages }));
  assert.deepEqual(convertToOpenAIChatRequest(canonical.value), { value: { model: 'gpt-5.4', messages }, warnings: [] });
});
