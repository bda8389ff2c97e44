import assert from 'node:assert/strict';
import type { NormalizedToolCall } from './normalize-sdk-result.ts';
import type { SdkProtocol } from './sdk-protocol.ts';

export interface UpstreamToolHistory {
  /** The text the assistant said alongside its tool calls (Anthropic and Chat: in the same message; Responses: in an assistant message item before the calls). */
  readonly assistantText: string;
  /** The assistant's tool calls in the history the upstream received, in order. */
  readonly calls: readonly NormalizedToolCall[];
  /** The tool results, in order, with their text content. */
  readonly results: readonly { readonly id: string; readonly content: string }[];
}

type JsonRecord = Readonly<Record<string, unknown>>;

function records(value: unknown): JsonRecord[] {
  return Array.isArray(value) ? value.filter((item): item is JsonRecord => typeof item === 'object' && item !== null && !Array.isArray(item)) : [];
}

function record(value: unknown): JsonRecord {
  return records([value])[0] ?? {};
}

/** A string, or the joined text of text parts (`text`, `input_text`, `output_text`). */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  return records(content)
    .map((part) => (typeof part['text'] === 'string' ? part['text'] : ''))
    .join('');
}

function parseArguments(value: unknown): unknown {
  return typeof value === 'string' ? (value.trim() === '' ? {} : (JSON.parse(value) as unknown)) : value;
}

/**
 * Reads the tool calls and results out of an upstream request body in the provider's own protocol, and
 * asserts the placement that protocol demands: Chat `tool` messages right after the assistant message with
 * `tool_calls`; Anthropic `tool_result` blocks first in the user message right after the `tool_use` message;
 * Responses `function_call_output` items after their `function_call` items.
 */
export function readUpstreamToolHistory(provider: SdkProtocol, body: JsonRecord | undefined): UpstreamToolHistory {
  assert.ok(body !== undefined, 'the upstream request body is JSON');
  switch (provider) {
    case 'openai-chat':
      return readChat(records(body['messages']));
    case 'anthropic-messages':
      return readAnthropic(records(body['messages']));
    case 'openai-responses':
      return readResponses(records(body['input']));
  }
}

function readChat(messages: JsonRecord[]): UpstreamToolHistory {
  const assistantIndex = messages.findIndex((message) => message['role'] === 'assistant' && records(message['tool_calls']).length > 0);
  assert.ok(assistantIndex >= 0, 'an assistant message with tool_calls');
  const calls = records(messages[assistantIndex]?.['tool_calls']).map((call) => {
    const fn = record(call['function']);
    assert.equal(call['type'], 'function');
    return { id: String(call['id']), name: String(fn['name']), arguments: parseArguments(fn['arguments']) };
  });
  const following = messages.slice(assistantIndex + 1, assistantIndex + 1 + calls.length);
  assert.deepEqual(
    following.map((message) => message['role']),
    calls.map(() => 'tool'),
    'one tool message per call, right after the assistant message',
  );
  return {
    assistantText: textOf(messages[assistantIndex]?.['content'] ?? ''),
    calls,
    results: following.map((message) => ({ id: String(message['tool_call_id']), content: textOf(message['content']) })),
  };
}

function readAnthropic(messages: JsonRecord[]): UpstreamToolHistory {
  const assistantIndex = messages.findIndex(
    (message) => message['role'] === 'assistant' && records(message['content']).some((block) => block['type'] === 'tool_use'),
  );
  assert.ok(assistantIndex >= 0, 'an assistant message with tool_use blocks');
  const assistantBlocks = records(messages[assistantIndex]?.['content']);
  const calls = assistantBlocks
    .filter((block) => block['type'] === 'tool_use')
    .map((block) => ({ id: String(block['id']), name: String(block['name']), arguments: block['input'] }));
  const next = messages[assistantIndex + 1];
  assert.equal(next?.['role'], 'user', 'the results come in the user message right after');
  const blocks = records(next?.['content']);
  const resultBlocks = blocks.slice(0, calls.length);
  assert.ok(
    resultBlocks.every((block) => block['type'] === 'tool_result'),
    `the tool_result blocks come first: ${JSON.stringify(blocks.map((block) => block['type']))}`,
  );
  return {
    assistantText: textOf(assistantBlocks.filter((block) => block['type'] === 'text')),
    calls,
    results: resultBlocks.map((block) => ({ id: String(block['tool_use_id']), content: textOf(block['content']) })),
  };
}

function readResponses(items: JsonRecord[]): UpstreamToolHistory {
  const callItems = items.filter((item) => item['type'] === 'function_call');
  const outputItems = items.filter((item) => item['type'] === 'function_call_output');
  assert.ok(callItems.length > 0, 'function_call items');
  const lastCall = items.lastIndexOf(callItems[callItems.length - 1] ?? {});
  assert.ok(
    outputItems.every((item) => items.indexOf(item) > lastCall),
    'function_call_output items come after the function_call items',
  );
  const firstCall = items.indexOf(callItems[0] ?? {});
  const assistantText = items
    .slice(0, firstCall)
    .filter((item) => item['role'] === 'assistant')
    .map((item) => textOf(item['content']))
    .join('');
  return {
    assistantText,
    calls: callItems.map((item) => ({ id: String(item['call_id']), name: String(item['name']), arguments: parseArguments(item['arguments']) })),
    results: outputItems.map((item) => ({ id: String(item['call_id']), content: textOf(item['output']) })),
  };
}
