import type { AssistantContentPart } from '../../canonical/canonical-content.ts';
import type { CanonicalResponse } from '../../canonical/canonical-response.ts';
import type { ConversionWarning, Converted } from '../../canonical/conversion-warning.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { convertOpenAIChatUsageToCanonical } from './convert-openai-chat-usage.ts';
import { mapOpenAIChatFinishReason } from './map-openai-chat-finish-reason.ts';
import { type OpenAIChatResponse, openaiChatResponseSchema } from './openai-chat-response-schema.ts';

type Message = NonNullable<NonNullable<OpenAIChatResponse['choices']>[number]['message']>;

/**
 * A non-streaming Chat Completions answer (parsed JSON) -> canonical. Reads `choices[0]`: reasoning
 * (`reasoning_content`/`reasoning` of compatible providers) first, then the text, then the tool calls
 * (ids passed through). A `refusal` becomes text (⚠ choice, protocol-mapping.md §6). An answer that is
 * not a chat completion is an upstream error.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
export function convertOpenAIChatResponseToCanonical(body: unknown): Converted<CanonicalResponse> {
  const parsed = openaiChatResponseSchema.safeParse(body);
  if (!parsed.success || parsed.data.choices == null || parsed.data.choices.length === 0) {
    throw new GatewayError('GW_ERR_UPSTREAM_ERROR', { message: 'The upstream provider answered with something that is not a chat completion.' });
  }
  const response = parsed.data;
  const choices = parsed.data.choices;
  const warnings: ConversionWarning[] = [];
  const choice = choices.find((candidate) => (candidate.index ?? 0) === 0) ?? choices[0];
  if (choices.length > 1) warnings.push({ type: 'dropped', feature: 'choices', detail: 'only the first choice is kept' });
  return {
    value: {
      id: response.id ?? '',
      model: response.model ?? '',
      createdSeconds: response.created ?? 0,
      content: choice?.message == null ? [] : convertMessage(choice.message, warnings),
      finishReason: mapOpenAIChatFinishReason(choice?.finish_reason),
      usage: response.usage == null ? {} : convertOpenAIChatUsageToCanonical(response.usage),
    },
    warnings,
  };
}

function convertMessage(message: Message, warnings: ConversionWarning[]): AssistantContentPart[] {
  const parts: AssistantContentPart[] = [];
  const reasoning = message.reasoning_content ?? (typeof message.reasoning === 'string' ? message.reasoning : undefined);
  if (reasoning != null && reasoning !== '') parts.push({ type: 'reasoning', text: reasoning });
  const text =
    typeof message.content === 'string' ? message.content : (message.content ?? []).map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('');
  if (text !== '') parts.push({ type: 'text', text });
  if (message.refusal != null && message.refusal !== '') {
    warnings.push({ type: 'adjusted', feature: 'refusal', detail: 'sent as text' });
    parts.push({ type: 'text', text: message.refusal });
  }
  (message.tool_calls ?? []).forEach((call, position) => {
    parts.push({ type: 'tool-call', id: call.id ?? `call_${position}`, name: call.function?.name ?? '', arguments: call.function?.arguments ?? '' });
  });
  if (message.function_call != null) warnings.push({ type: 'unsupported', feature: 'function_call', detail: 'the deprecated function call is not carried' });
  if (message.annotations != null && message.annotations.length > 0) warnings.push({ type: 'dropped', feature: 'annotations' });
  if (message.audio != null) warnings.push({ type: 'dropped', feature: 'audio' });
  return parts;
}
