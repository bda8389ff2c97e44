import type { GatewayError } from '../../errors/gateway-error.ts';
import { type OpenAIErrorBody, toOpenAIChatErrorBody } from '../openai-chat/to-openai-chat-error-body.ts';

/**
 * The Responses API answers HTTP errors with OpenAI's one error envelope,
 * `{"error":{"message","type","param","code"}}`, the same as Chat Completions: same mapping.
 * @see https://platform.openai.com/docs/guides/error-codes
 */
export function toOpenAIResponsesErrorBody(error: GatewayError): OpenAIErrorBody {
  return toOpenAIChatErrorBody(error);
}
