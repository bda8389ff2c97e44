import { createSseDecoder } from '../streaming/create-sse-decoder.ts';
import { collectAnswerText, collectStreamPartText } from '../tokens/estimate-usage.ts';
import type { ProtocolAdapter } from '../translation/protocol-adapter.ts';

/**
 * The generated text of an answer that came without usage, for the tokenizer: run after the response
 * closed (finish-observed-request.ts), so the decoding here is off the request's path.
 */

/** A whole answer of `adapter`'s protocol. */
export function readBodyAnswerText(adapter: ProtocolAdapter, body: Buffer): string {
  const parsed = parseJson(body.toString('utf8'));
  return parsed === undefined ? '' : collectAnswerText(adapter.readUpstreamResponse(parsed, 0).value.content);
}

/** A stream of `adapter`'s protocol, from its raw bytes. */
export function readStreamAnswerText(adapter: ProtocolAdapter, chunks: readonly Buffer[]): string {
  const sse = createSseDecoder();
  const decoder = adapter.createStreamDecoder();
  const texts: string[] = [];
  for (const chunk of chunks) for (const event of sse.push(chunk)) for (const part of decoder.push(event)) collectStreamPartText(part, texts);
  for (const event of sse.end()) for (const part of decoder.push(event)) collectStreamPartText(part, texts);
  for (const part of decoder.end()) collectStreamPartText(part, texts);
  return texts.join('');
}

/** A `/v1/completions` answer (`choices[].text`); embeddings have none. */
export function readCompletionsBodyText(body: Buffer): string {
  return readChoicesText(parseJson(body.toString('utf8')));
}

/** A `/v1/completions` stream. */
export function readCompletionsStreamText(chunks: readonly Buffer[]): string {
  const sse = createSseDecoder();
  let text = '';
  for (const chunk of chunks) for (const event of sse.push(chunk)) text += readChoicesText(parseJson(event.data));
  return text;
}

function readChoicesText(value: unknown): string {
  const choices = typeof value === 'object' && value !== null ? (value as { choices?: unknown }).choices : undefined;
  if (!Array.isArray(choices)) return '';
  let text = '';
  for (const choice of choices as unknown[]) {
    const part = typeof choice === 'object' && choice !== null ? (choice as { text?: unknown }).text : undefined;
    if (typeof part === 'string') text += part;
  }
  return text;
}

/** Network text: parsed without throwing. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
