import type { AssistantContentPart } from '../../canonical/canonical-content.ts';
import type { CanonicalResponse } from '../../canonical/canonical-response.ts';
import type { ConversionWarning, Converted } from '../../canonical/conversion-warning.ts';
import type { AnthropicAssistantBlockBody, AnthropicMessagesResponseBody } from './anthropic-messages-wire-types.ts';
import { convertToAnthropicMessagesUsage } from './convert-anthropic-messages-usage.ts';
import { mapToAnthropicMessagesStopReason } from './map-anthropic-messages-stop-reason.ts';
import { parseAnthropicMessagesJson } from './parse-anthropic-messages-json.ts';

/**
 * Canonical -> a Messages answer as Anthropic writes it: one block per canonical part, in order. Reasoning
 * with a signature or redacted data goes back verbatim; reasoning from another provider becomes a
 * `thinking` block with an empty signature (the client shows it; the gateway does not replay it to
 * Anthropic). Tool-call arguments that are not a JSON object become `input: {}` with a warning.
 * `stop_sequence` is null: which sequence matched is not carried.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function convertToAnthropicMessagesResponse(response: CanonicalResponse): Converted<AnthropicMessagesResponseBody> {
  const warnings: ConversionWarning[] = [];
  const content = response.content.flatMap((part) => convertPart(part, warnings));
  return {
    value: {
      id: response.id,
      type: 'message',
      role: 'assistant',
      model: response.model,
      content,
      stop_reason: mapToAnthropicMessagesStopReason(response.finishReason),
      stop_sequence: null,
      usage: convertToAnthropicMessagesUsage(response.usage),
    },
    warnings,
  };
}

function convertPart(part: AssistantContentPart, warnings: ConversionWarning[]): AnthropicAssistantBlockBody[] {
  switch (part.type) {
    case 'text':
      return [{ type: 'text', text: part.text }];
    case 'reasoning':
      if (part.redactedData !== undefined) return [{ type: 'redacted_thinking', data: part.redactedData }];
      if (part.encryptedContent !== undefined) warnings.push({ type: 'dropped', feature: 'reasoning.encrypted_content' });
      return [{ type: 'thinking', thinking: part.text, signature: part.signature ?? '' }];
    case 'tool-call':
      return [{ type: 'tool_use', id: part.id, name: part.name, input: parseInput(part.id, part.arguments, warnings) }];
  }
}

function parseInput(id: string, text: string, warnings: ConversionWarning[]): Record<string, unknown> {
  if (text.trim() === '') return {};
  const parsed = parseAnthropicMessagesJson(text);
  if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value)) return parsed.value as Record<string, unknown>;
  warnings.push({ type: 'adjusted', feature: 'tool_use.input', detail: `arguments of ${id} are not a JSON object; sent as {}` });
  return {};
}
