import { openaiResponsesReasoningEnvelope } from './openai-responses-reasoning-envelope.ts';

/** A reasoning item's `encrypted_content` from a Responses client -> the canonical field it belongs in. */
export function decodeOpenAIResponsesEncryptedContent(
  encryptedContent: string,
): { readonly encryptedContent: string } | { readonly signature: string } | { readonly redactedData: string } {
  const { signature, redactedData } = openaiResponsesReasoningEnvelope;
  if (encryptedContent.startsWith(signature)) return { signature: encryptedContent.slice(signature.length) };
  if (encryptedContent.startsWith(redactedData)) return { redactedData: encryptedContent.slice(redactedData.length) };
  return { encryptedContent };
}
