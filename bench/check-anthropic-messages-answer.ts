import { mockAnswerText } from './mock-answer.ts';
import { parseJsonOrUndefined, parseSseText, readField } from './parse-sse-text.ts';

function joinTextBlocks(content: unknown): string | undefined {
  if (!Array.isArray(content)) return undefined;
  let text = '';
  for (const block of content as unknown[]) {
    const blockText = readField(block, 'text');
    if (readField(block, 'type') === 'text' && typeof blockText === 'string') text += blockText;
  }
  return text;
}

/**
 * What is wrong with a Messages answer to the bench request (undefined when nothing): a `"type":"message"`
 * whose text blocks are the mock's text, or a stream from `message_start` to `message_stop`, each event's
 * name matching its data's `type`, no `error` event, whose `text_delta`s spell the mock's text.
 * @see https://docs.anthropic.com/en/api/messages-streaming
 */
export function checkAnthropicMessagesAnswer(stream: boolean, text: string): string | undefined {
  if (!stream) {
    const message = parseJsonOrUndefined(text);
    if (readField(message, 'type') !== 'message') return 'expected a JSON object with "type":"message"';
    const content = joinTextBlocks(readField(message, 'content'));
    return content === mockAnswerText ? undefined : `the message says "${content}", expected "${mockAnswerText}"`;
  }
  const events = parseSseText(text);
  if (events[0]?.event !== 'message_start') return 'the stream does not start with event: message_start';
  if (events.at(-1)?.event !== 'message_stop') return 'the stream does not end with event: message_stop';
  let content = '';
  for (const event of events) {
    const payload = parseJsonOrUndefined(event.data);
    const type = readField(payload, 'type');
    if (event.event === 'error' || type === 'error') return `error event in the stream: ${event.data.slice(0, 200)}`;
    if (type !== event.event) return `event: ${event.event} carries data of type ${String(type)}`;
    const delta = readField(payload, 'delta');
    const deltaText = readField(delta, 'text');
    if (type === 'content_block_delta' && readField(delta, 'type') === 'text_delta' && typeof deltaText === 'string') content += deltaText;
  }
  return content === mockAnswerText ? undefined : `the text_delta events spell "${content}", expected "${mockAnswerText}"`;
}
