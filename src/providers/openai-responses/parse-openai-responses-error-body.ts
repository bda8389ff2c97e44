import { type ParsedOpenAIChatError, parseOpenAIChatErrorBody } from '../openai-chat/parse-openai-chat-error-body.ts';

/**
 * An upstream Responses error body -> `{ errorType, code?, message }`. The Responses API answers HTTP
 * errors with OpenAI's one envelope, `{"error":{"message","type","param","code"}}`, the same as Chat
 * Completions (and compatible servers vary the same way): same reading, tolerant of junk.
 * @see https://platform.openai.com/docs/guides/error-codes
 */
export function parseOpenAIResponsesErrorBody(body: unknown): ParsedOpenAIChatError {
  return parseOpenAIChatErrorBody(body);
}
