import type { ReasoningPart } from '../../canonical/canonical-content.ts';
import { encodeOpenAIResponsesEncryptedContent } from './encode-openai-responses-encrypted-content.ts';
import type { OpenAIResponsesIdSource, OpenAIResponsesReasoningItemBody } from './openai-responses-output-types.ts';

/**
 * A finished canonical reasoning block -> a `reasoning` output item: the text as one summary part (none
 * when empty), the provider's `rs_` id when it has one (needed to send the item back), else a minted one,
 * and `encrypted_content` (encode-openai-responses-encrypted-content.ts).
 */
export function buildOpenAIResponsesReasoningItem(
  part: Pick<ReasoningPart, 'text' | 'id' | 'encryptedContent' | 'signature' | 'redactedData'>,
  idSource: OpenAIResponsesIdSource,
): OpenAIResponsesReasoningItemBody {
  const encryptedContent = encodeOpenAIResponsesEncryptedContent(part);
  return {
    id: part.id ?? idSource('rs'),
    type: 'reasoning',
    ...(encryptedContent === undefined ? {} : { encrypted_content: encryptedContent }),
    summary: part.text === '' ? [] : [{ type: 'summary_text', text: part.text }],
  };
}
