import assert from 'node:assert/strict';
import test from 'node:test';
import type { StreamPart } from '../../canonical/stream-part.ts';
import { createSseDecoder } from '../../streaming/create-sse-decoder.ts';
import { convertOpenAIResponsesRequestToCanonical } from './convert-openai-responses-request-to-canonical.ts';
import { createOpenAIResponsesStreamEncoder } from './create-openai-responses-stream-encoder.ts';
import { openaiResponsesRequestSchema } from './openai-responses-wire-schema.ts';

test('Codex -> an Anthropic model with thinking: the signature rides in encrypted_content and comes back on the next turn', () => {
  let count = 0;
  const encoder = createOpenAIResponsesStreamEncoder({ id: 'resp_1', model: 'claude', createdSeconds: 1, idSource: (prefix) => `${prefix}_${++count}` });
  const parts: StreamPart[] = [
    { type: 'response-start', id: 'msg_1', model: 'claude' },
    { type: 'reasoning-start', index: 0 },
    { type: 'reasoning-delta', index: 0, delta: 'I should list files.' },
    { type: 'reasoning-end', index: 0, signature: 'EqQBCkYIBxgCKkA+/=' },
    { type: 'reasoning-start', index: 1 },
    { type: 'reasoning-end', index: 1, redactedData: 'EmwKAhgBEgy3va3pzix/LafPsn4a' },
    { type: 'tool-call-start', index: 2, id: 'toolu_1', name: 'shell' },
    { type: 'tool-input-delta', index: 2, delta: '{"command":["ls"]}' },
    { type: 'tool-call-end', index: 2 },
    { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' } },
  ];
  const text = parts.map((part) => encoder.encode(part)).join('') + encoder.end();
  const sse = createSseDecoder();
  const doneItems = [...sse.push(Buffer.from(text)), ...sse.end()]
    .map((event) => JSON.parse(event.data) as { type: string; item?: Record<string, unknown> })
    .filter((event) => event.type === 'response.output_item.done')
    .map((event) => event.item);

  // Codex keeps the items and sends them back (with their ids) after running the tool.
  const nextTurn = openaiResponsesRequestSchema.parse({
    model: 'claude',
    input: [
      { type: 'message', id: 'msg_u', role: 'user', content: [{ type: 'input_text', text: 'List files' }] },
      ...doneItems,
      { type: 'function_call_output', call_id: 'toolu_1', output: 'a.txt' },
    ],
  });
  assert.deepEqual(convertOpenAIResponsesRequestToCanonical(nextTurn).value.messages, [
    { role: 'user', content: [{ type: 'text', text: 'List files' }] },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'I should list files.', id: 'rs_1', signature: 'EqQBCkYIBxgCKkA+/=' },
        { type: 'reasoning', text: '', id: 'rs_2', redactedData: 'EmwKAhgBEgy3va3pzix/LafPsn4a' },
        { type: 'tool-call', id: 'toolu_1', name: 'shell', arguments: '{"command":["ls"]}' },
      ],
    },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'toolu_1', content: 'a.txt' }] },
  ]);
});
