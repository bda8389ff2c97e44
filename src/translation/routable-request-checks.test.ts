import assert from 'node:assert/strict';
import test from 'node:test';
import type { z } from 'zod';
import { anthropicMessagesRoutableSchema } from '../providers/anthropic-messages/anthropic-messages-routable-schema.ts';
import { isRoutableAnthropicMessagesRequest } from '../providers/anthropic-messages/is-routable-anthropic-messages-request.ts';
import { isRoutableOpenAIChatRequest } from '../providers/openai-chat/is-routable-openai-chat-request.ts';
import { openaiChatRequestSchema } from '../providers/openai-chat/openai-chat-wire-schema.ts';
import { readRoutableRequest } from './read-routable-request.ts';

const chat = {
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hi' },
  ],
};
const anthropic = { model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] };

/** Bodies each hand check must accept (so it is used), as its schema does. */
const chatAccepted: readonly Record<string, unknown>[] = [
  chat,
  { ...chat, stream: true, stream_options: { include_usage: true }, max_tokens: 64, max_completion_tokens: 10, temperature: 0.2, top_p: 1 },
  {
    ...chat,
    stream: null,
    stream_options: null,
    max_tokens: null,
    temperature: null,
    tools: [{ type: 'function', function: { name: 'f' } }],
    extra: { any: 1 },
  },
  { ...chat, messages: [{ role: 'user' }], stream_options: { other: 1 } },
];
const anthropicAccepted: readonly Record<string, unknown>[] = [
  anthropic,
  { ...anthropic, stream: true, system: 'Be brief.', messages: [] },
  {
    ...anthropic,
    stream: null,
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: '', content: null },
    ],
  },
];

/** Bodies with one field wrong: a hand check may refuse more than its schema, never less. */
const chatVariants: readonly Record<string, unknown>[] = [
  { ...chat, model: '' },
  { ...chat, model: 7 },
  { messages: chat.messages },
  { ...chat, messages: [] },
  { ...chat, messages: {} },
  { ...chat, messages: [null] },
  { ...chat, messages: [[]] },
  { ...chat, messages: [{ role: '' }] },
  { ...chat, messages: [{ content: 'no role' }] },
  { ...chat, stream: 'yes' },
  { ...chat, stream_options: [] },
  { ...chat, stream_options: { include_usage: null } },
  { ...chat, stream_options: { include_usage: 'true' } },
  { ...chat, max_tokens: 0 },
  { ...chat, max_tokens: 1.5 },
  { ...chat, max_tokens: 2 ** 60 },
  { ...chat, max_completion_tokens: -1 },
  { ...chat, temperature: '0.2' },
  { ...chat, top_p: Number.POSITIVE_INFINITY },
  { ...chat, tools: {} },
  { ...chat, tools: [{ name: 'no type' }] },
  { ...chat, tools: [null] },
];
const anthropicVariants: readonly Record<string, unknown>[] = [
  { ...anthropic, model: '' },
  { ...anthropic, max_tokens: undefined },
  { ...anthropic, max_tokens: 0 },
  { ...anthropic, max_tokens: 2.5 },
  { ...anthropic, max_tokens: 2 ** 60 },
  { ...anthropic, messages: 'Hi' },
  { ...anthropic, messages: [{ content: 'no role' }] },
  { ...anthropic, messages: [{ role: 1, content: 'Hi' }] },
  { ...anthropic, messages: [{ role: 'user' }] },
  { ...anthropic, messages: [[]] },
  { ...anthropic, stream: 1 },
];

function assertNeverLooser(
  name: string,
  check: (body: Record<string, unknown>) => boolean,
  schema: z.ZodType,
  accepted: readonly Record<string, unknown>[],
  variants: readonly Record<string, unknown>[],
): void {
  for (const body of accepted) {
    assert.equal(check(body), true, `${name} should accept ${JSON.stringify(body)}`);
    assert.equal(schema.safeParse(body).success, true, JSON.stringify(body));
  }
  for (const body of variants) {
    if (check(body)) assert.equal(schema.safeParse(body).success, true, `${name} accepts what the schema refuses: ${JSON.stringify(body)}`);
  }
}

test('the hand-written routable checks accept ordinary requests and never accept what their zod schemas refuse', () => {
  assertNeverLooser('isRoutableOpenAIChatRequest', isRoutableOpenAIChatRequest, openaiChatRequestSchema, chatAccepted, chatVariants);
  assertNeverLooser(
    'isRoutableAnthropicMessagesRequest',
    isRoutableAnthropicMessagesRequest,
    anthropicMessagesRoutableSchema,
    anthropicAccepted,
    anthropicVariants,
  );
  // Each variant is refused by the hand check, so the schema words the 400.
  for (const body of chatVariants) assert.equal(isRoutableOpenAIChatRequest(body), false, JSON.stringify(body));
  for (const body of anthropicVariants) assert.equal(isRoutableAnthropicMessagesRequest(body), false, JSON.stringify(body));
});

test("a body the hand check accepts is routed as the client sent it: the same object, members in the client's order", () => {
  const body = { temperature: 0.2, stream: true, messages: chat.messages, model: 'gpt-4o-mini' };
  const routable = readRoutableRequest(openaiChatRequestSchema, body, isRoutableOpenAIChatRequest);
  assert.equal(routable.body, body);
  assert.deepEqual(Object.keys(routable.body), ['temperature', 'stream', 'messages', 'model']);
  assert.equal(routable.model, 'gpt-4o-mini');
  assert.equal(routable.stream, true);
});

test('a body the hand check refuses goes to the schema: its 400 names the field, or the schema accepts it', () => {
  assert.throws(() => readRoutableRequest(openaiChatRequestSchema, { ...chat, max_tokens: 0 }, isRoutableOpenAIChatRequest), /max_tokens/);
  const large = readRoutableRequest(openaiChatRequestSchema, { ...chat, max_tokens: 5 }, () => false);
  assert.equal(large.model, 'gpt-4o-mini');
});
