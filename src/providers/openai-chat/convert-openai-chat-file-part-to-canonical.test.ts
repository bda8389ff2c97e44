import assert from 'node:assert/strict';
import test from 'node:test';
import { GatewayError } from '../../errors/gateway-error.ts';
import { convertOpenAIChatRequestToCanonical } from './convert-openai-chat-request-to-canonical.ts';
import { openaiChatRequestSchema } from './openai-chat-wire-schema.ts';

/** Part shapes from the SDK's `ChatCompletionContentPart.File` and OpenAI's PDF guide (`data:application/pdf;base64,…`). */
const pdf = 'JVBERi0xLjQK';
const convertUser = (content: unknown[]) =>
  convertOpenAIChatRequestToCanonical(openaiChatRequestSchema.parse({ model: 'm', messages: [{ role: 'user', content }] }));

test('a file part with file_data becomes a canonical base64 file, filename kept', () => {
  const { value, warnings } = convertUser([
    { type: 'file', file: { filename: 'report.pdf', file_data: `data:application/pdf;base64,${pdf}` } },
    { type: 'text', text: 'What is in the report?' },
  ]);
  assert.deepEqual(warnings, []);
  assert.deepEqual(value.messages, [
    {
      role: 'user',
      content: [
        { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: pdf }, filename: 'report.pdf' },
        { type: 'text', text: 'What is in the report?' },
      ],
    },
  ]);
});

test('bare base64 file_data (no data URL) is typed by the filename, a PDF without one', () => {
  const { value } = convertUser([
    { type: 'file', file: { file_data: pdf } },
    { type: 'file', file: { file_data: 'aGk=', filename: 'notes.txt' } },
  ]);
  assert.deepEqual(value.messages[0]?.content, [
    { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: pdf } },
    { type: 'file', source: { kind: 'base64', mediaType: 'text/plain', data: 'aGk=' }, filename: 'notes.txt' },
  ]);
});

test('a file by file_id, a file part without data and non-base64 file_data stay a 400 naming the field', () => {
  const rejects = (file: unknown, param: string) =>
    assert.throws(
      () =>
        convertUser([
          { type: 'text', text: 'Read this' },
          { type: 'file', file },
        ]),
      (error: unknown) =>
        error instanceof GatewayError &&
        error.code === 'GW_ERR_INVALID_REQUEST' &&
        error.param === param &&
        error.message.includes(param.split('.').at(-1) ?? ''),
      param,
    );
  rejects({ file_id: 'file-abc123' }, 'messages[0].content[1].file.file_id');
  rejects({ filename: 'a.pdf' }, 'messages[0].content[1].file.file_data');
  rejects({ file_data: 'data:text/plain,hello' }, 'messages[0].content[1].file.file_data');
});
