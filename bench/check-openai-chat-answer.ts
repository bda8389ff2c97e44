import { mockAnswerText } from './mock-answer.ts';
import { parseJsonOrUndefined, parseSseText, readField } from './parse-sse-text.ts';

function firstChoice(payload: unknown): unknown {
  const choices = readField(payload, 'choices');
  return Array.isArray(choices) ? (choices[0] as unknown) : undefined;
}

/**
 * What is wrong with a Chat Completions answer to the bench request (undefined when nothing): a
 * `chat.completion` whose message is the mock's text, or a stream of chunks whose deltas spell it, ending
 * with `data: [DONE]`.
 */
export function checkOpenaiChatAnswer(stream: boolean, text: string): string | undefined {
  if (!stream) {
    const content = readField(readField(firstChoice(parseJsonOrUndefined(text)), 'message'), 'content');
    return content === mockAnswerText ? undefined : `expected a chat.completion saying "${mockAnswerText}"`;
  }
  const events = parseSseText(text);
  if (events.at(-1)?.data !== '[DONE]') return 'the stream does not end with data: [DONE]';
  let content = '';
  for (const event of events.slice(0, -1)) {
    const chunk = parseJsonOrUndefined(event.data);
    if (readField(chunk, 'object') !== 'chat.completion.chunk') return `not a chat.completion.chunk: ${event.data.slice(0, 120)}`;
    const delta = readField(readField(firstChoice(chunk), 'delta'), 'content');
    if (typeof delta === 'string') content += delta;
  }
  return content === mockAnswerText ? undefined : `the deltas spell "${content}", expected "${mockAnswerText}"`;
}
