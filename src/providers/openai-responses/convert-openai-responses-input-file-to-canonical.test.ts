import assert from 'node:assert/strict';
import test from 'node:test';
import { GatewayError } from '../../errors/gateway-error.ts';
import { convertOpenAIResponsesRequestToCanonical } from './convert-openai-responses-request-to-canonical.ts';
import { openaiResponsesRequestSchema } from './openai-responses-wire-schema.ts';

/** Part shapes from the SDK's `ResponseInputFile` / `ResponseInputFileContent` and OpenAI's PDF guide. */
const pdf = 'JVBERi0xLjQK';
const convert = (input: unknown[]) => convertOpenAIResponsesRequestToCanonical(openaiResponsesRequestSchema.parse({ model: 'm', input }));

test('input_file: file_data -> a base64 file, file_url -> a URL file, filename kept', () => {
  const { value, warnings } = convert([
    {
      role: 'user',
      content: [
        { type: 'input_file', filename: 'report.pdf', file_data: `data:application/pdf;base64,${pdf}` },
        { type: 'input_file', file_url: 'https://example.com/letter.pdf' },
        { type: 'input_text', text: 'Compare them.' },
      ],
    },
  ]);
  assert.deepEqual(warnings, []);
  assert.deepEqual(value.messages, [
    {
      role: 'user',
      content: [
        { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: pdf }, filename: 'report.pdf' },
        { type: 'file', source: { kind: 'url', url: 'https://example.com/letter.pdf' } },
        { type: 'text', text: 'Compare them.' },
      ],
    },
  ]);
});

test('input_file detail other than auto is dropped with a warning', () => {
  const { value, warnings } = convert([{ role: 'user', content: [{ type: 'input_file', file_url: 'https://example.com/a.pdf', detail: 'high' }] }]);
  assert.deepEqual(value.messages, [{ role: 'user', content: [{ type: 'file', source: { kind: 'url', url: 'https://example.com/a.pdf' } }] }]);
  assert.deepEqual(warnings, [{ type: 'dropped', feature: 'input_file.detail', detail: 'files have no detail setting at this provider' }]);
});

test('input_file in a function_call_output array becomes a file in the tool result', () => {
  const { value, warnings } = convert([
    { role: 'user', content: 'Read it' },
    { type: 'function_call', call_id: 'call_1', name: 'read', arguments: '{}' },
    {
      type: 'function_call_output',
      call_id: 'call_1',
      output: [
        { type: 'input_text', text: 'Here:' },
        { type: 'input_file', filename: 'a.pdf', file_data: `data:application/pdf;base64,${pdf}` },
      ],
    },
  ]);
  assert.deepEqual(warnings, []);
  assert.deepEqual(value.messages[2], {
    role: 'tool',
    content: [
      {
        type: 'tool-result',
        toolCallId: 'call_1',
        content: [
          { type: 'text', text: 'Here:' },
          { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: pdf }, filename: 'a.pdf' },
        ],
      },
    ],
  });
});

test('input_file by file_id, with no data, or with non-base64 file_data stays a 400 naming the field', () => {
  const rejects = (part: Record<string, unknown>, param: string) =>
    assert.throws(
      () =>
        convert([
          {
            role: 'user',
            content: [
              { type: 'input_text', text: 'x' },
              { type: 'input_file', ...part },
            ],
          },
        ]),
      (error: unknown) => error instanceof GatewayError && error.code === 'GW_ERR_INVALID_REQUEST' && error.param === param,
      param,
    );
  rejects({ file_id: 'file-abc' }, 'input[0].content[1].file_id');
  rejects({ filename: 'a.pdf' }, 'input[0].content[1]');
  rejects({ file_data: 'data:text/plain,hi', filename: 'a.txt' }, 'input[0].content[1].file_data');
  assert.throws(
    () => convert([{ type: 'function_call_output', call_id: 'c', output: [{ type: 'input_file', file_id: 'file-abc' }] }]),
    (error: unknown) => error instanceof GatewayError && error.param === 'input[0].output[0].file_id',
  );
});
