import type { ReasoningPart } from '../../canonical/canonical-content.ts';
import { openaiResponsesReasoningEnvelope } from './openai-responses-reasoning-envelope.ts';

/**
 * The `encrypted_content` of a reasoning item sent to a Responses client: OpenAI's own encrypted content
 * verbatim, or another provider's signature / redacted data wrapped (openai-responses-reasoning-envelope.ts).
 */
export function encodeOpenAIResponsesEncryptedContent(part: Pick<ReasoningPart, 'encryptedContent' | 'signature' | 'redactedData'>): string | undefined {
  if (part.encryptedContent !== undefined) return part.encryptedContent;
  if (part.signature !== undefined && part.signature !== '') return `${openaiResponsesReasoningEnvelope.signature}${part.signature}`;
  if (part.redactedData !== undefined) return `${openaiResponsesReasoningEnvelope.redactedData}${part.redactedData}`;
  return undefined;
}
