import type { AssistantContentPart } from '../../canonical/canonical-content.ts';
import type { CanonicalResponse } from '../../canonical/canonical-response.ts';
import type { ConversionWarning, Converted } from '../../canonical/conversion-warning.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { type AnthropicMessagesResponseBlock, anthropicMessagesResponseSchema } from './anthropic-messages-response-schema.ts';
import { convertAnthropicMessagesUsageToCanonical } from './convert-anthropic-messages-usage.ts';
import { mapAnthropicMessagesStopReason } from './map-anthropic-messages-stop-reason.ts';

export interface ConvertAnthropicMessagesResponseOptions {
  /** AM answers carry no time: the moment the gateway received it, in Unix seconds. */
  readonly createdSeconds: number;
}

/**
 * A non-streaming Messages answer (parsed JSON) -> canonical. Blocks in order: text, thinking (signature
 * kept verbatim), redacted thinking (data kept), tool use (`input` -> JSON text, ids passed through).
 * Server-tool blocks and citations are dropped with a warning, as is the matched `stop_sequence` (the raw
 * stop reason is kept). An answer that is not a message is an upstream error.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function convertAnthropicMessagesResponseToCanonical(body: unknown, options: ConvertAnthropicMessagesResponseOptions): Converted<CanonicalResponse> {
  const parsed = anthropicMessagesResponseSchema.safeParse(body);
  if (!parsed.success || parsed.data.content == null) {
    throw new GatewayError('GW_ERR_UPSTREAM_ERROR', { message: 'The upstream provider answered with something that is not a message.' });
  }
  const response = parsed.data;
  const warnings: ConversionWarning[] = [];
  const content = (response.content ?? []).flatMap((block, index) => convertBlock(block, index, warnings));
  if (response.stop_sequence != null) warnings.push({ type: 'dropped', feature: 'stop_sequence', detail: 'which stop sequence matched is not carried' });
  return {
    value: {
      id: response.id ?? '',
      model: response.model ?? '',
      createdSeconds: options.createdSeconds,
      content,
      finishReason: mapAnthropicMessagesStopReason(response.stop_reason),
      usage: response.usage == null ? {} : convertAnthropicMessagesUsageToCanonical(response.usage),
    },
    warnings,
  };
}

function convertBlock(block: AnthropicMessagesResponseBlock, index: number, warnings: ConversionWarning[]): AssistantContentPart[] {
  switch (block.type) {
    case 'text':
      if (block.citations != null && block.citations.length > 0) warnings.push({ type: 'dropped', feature: `content.${index}.citations` });
      return [{ type: 'text', text: block.text ?? '' }];
    case 'thinking':
      return [
        block.signature == null || block.signature === ''
          ? { type: 'reasoning', text: block.thinking ?? '' }
          : { type: 'reasoning', text: block.thinking ?? '', signature: block.signature },
      ];
    case 'redacted_thinking':
      return [{ type: 'reasoning', text: '', redactedData: block.data ?? '' }];
    case 'tool_use':
      return [{ type: 'tool-call', id: block.id ?? '', name: block.name ?? '', arguments: JSON.stringify(block.input ?? {}) }];
    default:
      warnings.push({ type: 'dropped', feature: `content.${index}`, detail: `${block.type} blocks (server tools) are not carried` });
      return [];
  }
}
