import type { AssistantContentPart } from '../canonical/canonical-content.ts';
import type { CanonicalRequest } from '../canonical/canonical-request.ts';
import type { CanonicalUsage } from '../canonical/canonical-usage.ts';
import type { StreamPart } from '../canonical/stream-part.ts';
import { type CountTextTokens, estimateRequestTokens } from './estimate-request-tokens.ts';

/**
 * Usage for an answer whose provider reported none: the prompt counted like count_tokens does
 * (estimate-request-tokens.ts; a plain string for `/v1/completions` and `/v1/embeddings`), the completion
 * as the tokens of the answer's text (text, reasoning, tool names and arguments).
 */
export function estimateUsage(countText: CountTextTokens, prompt: CanonicalRequest | string, answerText: string): CanonicalUsage {
  const inputTokens = typeof prompt === 'string' ? countText(prompt) : estimateRequestTokens(prompt, countText);
  const outputTokens = answerText === '' ? 0 : countText(answerText);
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}

/** The text of a whole answer's content that the model generated. */
export function collectAnswerText(content: readonly AssistantContentPart[]): string {
  let text = '';
  for (const part of content) {
    if (part.type === 'text' || part.type === 'reasoning') text += part.text;
    else text += `${part.name} ${part.arguments}`;
  }
  return text;
}

/** Adds the generated text of stream parts to `texts`. */
export function collectStreamPartText(part: StreamPart, texts: string[]): void {
  const text = streamPartText(part);
  if (text !== undefined) texts.push(text);
}

/** The generated text a stream part carries, for the tokenizer; undefined for a part without any. */
export function streamPartText(part: StreamPart): string | undefined {
  switch (part.type) {
    case 'text-delta':
    case 'reasoning-delta':
    case 'tool-input-delta':
      return part.delta;
    case 'tool-call-start':
      return `${part.name} `;
    default:
      return undefined;
  }
}

/** The prompt text of a `/v1/completions` (`prompt`) or `/v1/embeddings` (`input`) body: its strings joined (token-id arrays are not counted). */
export function readPlainPrompt(body: Readonly<Record<string, unknown>>): string {
  const value = body['prompt'] ?? body['input'];
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string').join('\n');
  return '';
}
