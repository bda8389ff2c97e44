import assert from 'node:assert/strict';
import test from 'node:test';
import { GatewayError } from '../../errors/gateway-error.ts';
import { convertAnthropicMessagesRequestToCanonical } from './convert-anthropic-messages-request-to-canonical.ts';

/** Block shapes from the SDK's `DocumentBlockParam` (Base64PDFSource, URLPDFSource, PlainTextSource). */
const pdf = 'JVBERi0xLjQK';
const base = { model: 'm', max_tokens: 10 };
const convertUser = (content: unknown[]) => convertAnthropicMessagesRequestToCanonical({ ...base, messages: [{ role: 'user', content }] });

test('a document becomes a canonical file: base64 PDF, URL PDF and plain text, with title and cache_control', () => {
  const { value, warnings } = convertUser([
    { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdf }, title: 'Report', cache_control: { type: 'ephemeral' } },
    { type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' } },
    { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'Grass is green.' }, title: 'Facts', citations: { enabled: false } },
    { type: 'text', text: 'Summarise these.' },
  ]);
  assert.deepEqual(warnings, []);
  assert.deepEqual(value.messages, [
    {
      role: 'user',
      content: [
        { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: pdf }, title: 'Report', cacheControl: { type: 'ephemeral' } },
        { type: 'file', source: { kind: 'url', url: 'https://example.com/a.pdf' } },
        { type: 'file', source: { kind: 'text', mediaType: 'text/plain', text: 'Grass is green.' }, title: 'Facts' },
        { type: 'text', text: 'Summarise these.' },
      ],
    },
  ]);
});

test('document context and enabled citations are dropped with a warning naming each', () => {
  const { value, warnings } = convertUser([
    { type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' }, context: 'Written in 1999.', citations: { enabled: true } },
  ]);
  assert.deepEqual(value.messages, [{ role: 'user', content: [{ type: 'file', source: { kind: 'url', url: 'https://example.com/a.pdf' } }] }]);
  assert.deepEqual(warnings, [
    { type: 'dropped', feature: 'messages.0.content.0.context', detail: 'document context is not carried' },
    { type: 'dropped', feature: 'messages.0.content.0.citations', detail: 'document citations are not carried' },
  ]);
});

test('a document inside tool_result content becomes a file in the tool result', () => {
  const { value, warnings } = convertUser([
    {
      type: 'tool_result',
      tool_use_id: 'toolu_1',
      content: [
        { type: 'text', text: 'Here is the file.' },
        { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdf }, cache_control: { type: 'ephemeral', ttl: '1h' } },
      ],
    },
  ]);
  assert.deepEqual(warnings, []);
  assert.deepEqual(value.messages, [
    {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'toolu_1',
          content: [
            { type: 'text', text: 'Here is the file.' },
            { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: pdf }, cacheControl: { type: 'ephemeral', ttl: '1h' } },
          ],
        },
      ],
    },
  ]);
});

test('content and file (Files API) document sources stay a 400 naming the source, in user content and tool results', () => {
  const rejects = (content: unknown[], param: string, mentions: string) =>
    assert.throws(
      () => convertUser(content),
      (error: unknown) => error instanceof GatewayError && error.code === 'GW_ERR_INVALID_REQUEST' && error.param === param && error.message.includes(mentions),
      param,
    );
  rejects([{ type: 'document', source: { type: 'file', file_id: 'file_011' } }], 'messages.0.content.0.source', 'file source');
  rejects([{ type: 'document', source: { type: 'content', content: [{ type: 'text', text: 'chunk' }] } }], 'messages.0.content.0.source', 'content source');
  rejects(
    [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'document', source: { type: 'file', file_id: 'file_011' } }] }],
    'messages.0.content.0.content.0.source',
    'document',
  );
});

test('a document in an assistant message is not assistant content: dropped with a warning', () => {
  const { value, warnings } = convertAnthropicMessagesRequestToCanonical({
    ...base,
    messages: [
      { role: 'user', content: 'Hi' },
      {
        role: 'assistant',
        content: [
          { type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' } },
          { type: 'text', text: 'Hello' },
        ],
      },
    ],
  });
  assert.deepEqual(value.messages[1], { role: 'assistant', content: [{ type: 'text', text: 'Hello' }] });
  assert.deepEqual(warnings, [{ type: 'dropped', feature: 'messages.1.content.0.type', detail: 'document blocks do not belong in an assistant message' }]);
});
