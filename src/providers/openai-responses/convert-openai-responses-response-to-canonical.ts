import type { AssistantContentPart, ReasoningPart } from '../../canonical/canonical-content.ts';
import type { CanonicalResponse } from '../../canonical/canonical-response.ts';
import type { ConversionWarning, Converted } from '../../canonical/conversion-warning.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { addOpenAIResponsesWarning } from './add-openai-responses-warning.ts';
import { convertOpenAIResponsesUsage } from './convert-openai-responses-usage.ts';
import { mapOpenAIResponsesFinishReason } from './map-openai-responses-finish-reason.ts';
import { type OpenAIResponsesOutputItem, openaiResponsesResponseSchema } from './openai-responses-response-schema.ts';

/**
 * A non-streaming Response body from an upstream (already parsed JSON) -> canonical. `output[]` items:
 * `message` (`output_text`; `refusal` becomes text, ⚠ choice), `function_call` (`call_id` is the
 * canonical tool-call id), `reasoning` (summary texts joined by a blank line, `encrypted_content` and the
 * `rs_` id kept verbatim); any other item type (hosted-tool calls) is dropped with a warning. A `failed`
 * response is an upstream error.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 */
export function convertOpenAIResponsesResponseToCanonical(body: unknown): Converted<CanonicalResponse> {
  const parsed = openaiResponsesResponseSchema.safeParse(body);
  if (!parsed.success) throw new GatewayError('GW_ERR_UPSTREAM_ERROR', { message: 'The upstream provider answered with an unreadable Responses body.' });
  const response = parsed.data;
  if (response.status === 'failed' || response.status === 'cancelled') {
    throw new GatewayError('GW_ERR_UPSTREAM_ERROR', { message: response.error?.message ?? `The upstream response ${response.status}.` });
  }
  const warnings: ConversionWarning[] = [];
  const content: AssistantContentPart[] = [];
  for (const item of response.output ?? []) content.push(...convertOutputItem(item, warnings));
  return {
    value: {
      id: response.id,
      model: response.model ?? '',
      createdSeconds: response.created_at ?? 0,
      content,
      finishReason: mapOpenAIResponsesFinishReason(
        response.status,
        response.incomplete_details?.reason,
        content.some((part) => part.type === 'tool-call'),
      ),
      usage: convertOpenAIResponsesUsage(response.usage ?? {}),
    },
    warnings,
  };
}

function convertOutputItem(item: OpenAIResponsesOutputItem, warnings: ConversionWarning[]): AssistantContentPart[] {
  switch (item.type) {
    case 'message':
      return (item.content ?? []).flatMap((part): AssistantContentPart[] => {
        if (part.type === 'output_text') return [{ type: 'text', text: part.text ?? '' }];
        if (part.type === 'refusal') {
          addOpenAIResponsesWarning(warnings, { type: 'adjusted', feature: 'refusal', detail: 'returned as text' });
          return [{ type: 'text', text: part.refusal ?? '' }];
        }
        addOpenAIResponsesWarning(warnings, { type: 'dropped', feature: `output.message.${part.type}` });
        return [];
      });
    case 'function_call':
      if (item.call_id == null || item.name == null) {
        addOpenAIResponsesWarning(warnings, { type: 'dropped', feature: 'output.function_call', detail: 'without call_id or name' });
        return [];
      }
      return [{ type: 'tool-call', id: item.call_id, name: item.name, arguments: item.arguments ?? '' }];
    case 'reasoning':
      return [convertReasoningItem(item)];
    default:
      addOpenAIResponsesWarning(warnings, { type: 'dropped', feature: `output.${item.type}` });
      return [];
  }
}

/** Summary texts joined by a blank line; raw `reasoning_text` content when there is no summary. */
function convertReasoningItem(item: OpenAIResponsesOutputItem): ReasoningPart {
  const summary = item.summary ?? [];
  const texts = summary.length > 0 ? summary : (item.content ?? []);
  const part: { -readonly [Key in keyof ReasoningPart]: ReasoningPart[Key] } = { type: 'reasoning', text: texts.map((text) => text.text ?? '').join('\n\n') };
  if (item.encrypted_content != null) part.encryptedContent = item.encrypted_content;
  if (item.id != null) part.id = item.id;
  return part;
}
