import assert from 'node:assert/strict';
import test from 'node:test';
import type { CanonicalMessage } from '../../canonical/canonical-content.ts';
import { convertAnthropicMessagesRequestToCanonical } from './convert-anthropic-messages-request-to-canonical.ts';
import { convertToAnthropicMessagesRequest } from './convert-to-anthropic-messages-request.ts';

const pdf = 'JVBERi0xLjQK';
const convert = (messages: CanonicalMessage[]) => convertToAnthropicMessagesRequest({ model: 'claude-x', system: [], messages, tools: [], stream: false });

test('a canonical file becomes a document block: base64 PDF, URL, plain text; the filename is the title when there is none', () => {
  const { value, warnings } = convert([
    {
      role: 'user',
      content: [
        { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: pdf }, filename: 'report.pdf', cacheControl: { type: 'ephemeral' } },
        { type: 'file', source: { kind: 'url', url: 'https://example.com/a.pdf' }, filename: 'a.pdf', title: 'The A paper' },
        { type: 'file', source: { kind: 'text', mediaType: 'text/plain', text: 'Grass is green.' } },
        { type: 'text', text: 'Summarise these.' },
      ],
    },
  ]);
  assert.deepEqual(warnings, []);
  assert.deepEqual(value.messages, [
    {
      role: 'user',
      content: [
        { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdf }, title: 'report.pdf', cache_control: { type: 'ephemeral' } },
        { type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' }, title: 'The A paper' },
        { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'Grass is green.' } },
        { type: 'text', text: 'Summarise these.' },
      ],
    },
  ]);
});

test('a base64 text file is decoded into a plain-text document (a warning when it was not text/plain)', () => {
  const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  const { value, warnings } = convert([
    {
      role: 'user',
      content: [
        { type: 'file', source: { kind: 'base64', mediaType: 'text/plain', data: encode('plain é') }, filename: 'a.txt' },
        { type: 'file', source: { kind: 'base64', mediaType: 'text/markdown', data: encode('# Title') }, filename: 'b.md' },
      ],
    },
  ]);
  assert.deepEqual(value.messages, [
    {
      role: 'user',
      content: [
        { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'plain é' }, title: 'a.txt' },
        { type: 'document', source: { type: 'text', media_type: 'text/plain', data: '# Title' }, title: 'b.md' },
      ],
    },
  ]);
  assert.deepEqual(warnings, [{ type: 'adjusted', feature: 'messages[0].file', detail: 'a text/markdown file is sent as a plain-text document' }]);
});

test('a file in a tool result becomes a document inside the tool_result block', () => {
  const { value, warnings } = convert([
    { role: 'user', content: [{ type: 'text', text: 'Read it' }] },
    { role: 'assistant', content: [{ type: 'tool-call', id: 'call_1', name: 'read', arguments: '{}' }] },
    {
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'call_1', content: [{ type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: pdf } }] },
      ],
    },
  ]);
  assert.deepEqual(warnings, []);
  assert.deepEqual(value.messages[2], {
    role: 'user',
    content: [
      { type: 'tool_result', tool_use_id: 'call_1', content: [{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdf } }] },
    ],
  });
});

test('documents survive AM -> canonical -> AM unchanged', () => {
  const original = {
    model: 'claude-x',
    max_tokens: 4096,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdf }, title: 'Report', cache_control: { type: 'ephemeral' } },
          { type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' } },
          { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'Grass is green.' } },
          { type: 'text', text: 'Summarise these.' },
        ],
      },
    ],
  };
  const canonical = convertAnthropicMessagesRequestToCanonical(original);
  assert.deepEqual(convertToAnthropicMessagesRequest(canonical.value), { value: original, warnings: [] });
});
