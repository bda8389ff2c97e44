import type { AssistantContentPart, ImagePart, ReasoningPart, TextPart, ToolResultPart, UserContentPart } from '../../canonical/canonical-content.ts';
import type { ConversionWarning, Converted } from '../../canonical/conversion-warning.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { parseOpenAIChatImageUrl } from '../openai-chat/parse-openai-chat-image-url.ts';
import { addOpenAIResponsesWarning } from './add-openai-responses-warning.ts';
import { convertOpenAIResponsesInputFileToCanonical } from './convert-openai-responses-input-file-to-canonical.ts';
import { decodeOpenAIResponsesEncryptedContent } from './decode-openai-responses-encrypted-content.ts';
import { flattenOpenAIResponsesToolName } from './flatten-openai-responses-tool-name.ts';
import { type OpenAIResponsesInputItem, openaiResponsesInputItemSchema, openaiResponsesInputItemTypes } from './openai-responses-input-item-schema.ts';
import { parseOpenAIResponsesField } from './parse-openai-responses-field.ts';

type DraftMessage =
  | { readonly role: 'system'; readonly content: TextPart[] }
  | { readonly role: 'user'; readonly content: UserContentPart[] }
  | { readonly role: 'assistant'; readonly content: AssistantContentPart[] }
  | { readonly role: 'tool'; readonly content: ToolResultPart[] };

type MessageItem = Extract<OpenAIResponsesInputItem, { type: 'message' }>;
type ContentPart = Exclude<MessageItem['content'], string>[number];
type ToolOutput = Extract<OpenAIResponsesInputItem, { type: 'function_call_output' }>['output'];

export interface CanonicalConversationFromOpenAIResponses {
  readonly system: TextPart[];
  readonly messages: DraftMessage[];
}

/**
 * `instructions` + `input` -> canonical system and messages.
 * - `instructions`, then system/developer messages before the first other item -> `system`; later ones
 *   stay in place as canonical system messages.
 * - Assistant messages, `function_call`, `custom_tool_call` and `reasoning` items join the assistant
 *   message before them (a Responses turn is a run of items; canonical keeps one assistant message).
 * - `function_call_output` / `custom_tool_call_output` -> tool results; consecutive ones share one message.
 * - Item `id`s and `status`es are ignored (Codex sends an id on every item), except a reasoning item's id,
 *   kept with its `encrypted_content` for the round trip.
 * - Unknown item types (hosted-tool calls such as `web_search_call`, `item_reference`, …) are dropped with a
 *   warning. `input_file` parts become canonical files (convert-openai-responses-input-file-to-canonical.ts);
 *   an audio part, or an image or file by `file_id`, is a 400: dropping it would change the question.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 */
export function convertOpenAIResponsesInputToCanonical(
  input: string | readonly { readonly type?: string | null | undefined; readonly [field: string]: unknown }[],
  instructions: string | undefined,
): Converted<CanonicalConversationFromOpenAIResponses> {
  const warnings: ConversionWarning[] = [];
  const system: TextPart[] = instructions === undefined || instructions === '' ? [] : [{ type: 'text', text: instructions }];
  const messages: DraftMessage[] = [];
  if (typeof input === 'string') return { value: { system, messages: [{ role: 'user', content: [{ type: 'text', text: input }] }] }, warnings };

  const appendAssistant = (part: AssistantContentPart): void => {
    const last = messages.at(-1);
    if (last?.role === 'assistant') last.content.push(part);
    else messages.push({ role: 'assistant', content: [part] });
  };
  const appendToolResult = (part: ToolResultPart): void => {
    const last = messages.at(-1);
    if (last?.role === 'tool') last.content.push(part);
    else messages.push({ role: 'tool', content: [part] });
  };

  input.forEach((rawItem, index) => {
    const type = rawItem.type ?? 'message';
    // Its tools join the request's tools (collect-openai-responses-tools.ts); it says nothing to the model itself.
    if (type === 'additional_tools') return;
    if (!openaiResponsesInputItemTypes.has(type)) {
      addOpenAIResponsesWarning(warnings, { type: 'dropped', feature: `input.${type}`, detail: 'this item type cannot be sent to this provider' });
      return;
    }
    const param = `input[${index}]`;
    const item = parseOpenAIResponsesField(openaiResponsesInputItemSchema, rawItem.type == null ? { ...rawItem, type } : rawItem, param);
    switch (item.type) {
      case 'message': {
        if (item.role === 'system' || item.role === 'developer') {
          const texts = convertInstructionContent(item.content, param);
          if (messages.length === 0) system.push(...texts);
          else messages.push({ role: 'system', content: texts });
        } else if (item.role === 'user') {
          messages.push({ role: 'user', content: convertUserContent(item.content, param, warnings) });
        } else {
          for (const part of convertAssistantContent(item.content, param, warnings)) appendAssistant(part);
        }
        return;
      }
      case 'function_call':
        appendAssistant({ type: 'tool-call', id: item.call_id, name: toolName(item.name, item.namespace), arguments: item.arguments });
        return;
      case 'custom_tool_call':
        appendAssistant({ type: 'tool-call', id: item.call_id, name: toolName(item.name, item.namespace), arguments: JSON.stringify({ input: item.input }) });
        return;
      case 'function_call_output':
      case 'custom_tool_call_output':
        appendToolResult({ type: 'tool-result', toolCallId: item.call_id, content: convertToolOutput(item.output, `${param}.output`, warnings) });
        return;
      case 'reasoning':
        appendAssistant(convertReasoning(item));
        return;
    }
  });
  return { value: { system, messages }, warnings };
}

function toolName(name: string, namespace: string | null | undefined): string {
  return namespace == null || namespace === '' ? name : flattenOpenAIResponsesToolName(namespace, name);
}

function untranslatable(param: string, what: string): never {
  throw new GatewayError('GW_ERR_INVALID_REQUEST', { message: `${what} cannot be translated for this model's provider.`, param });
}

function convertInstructionContent(content: MessageItem['content'], param: string): TextPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part, index) =>
    part.type === 'input_text' || part.type === 'output_text'
      ? { type: 'text', text: part.text }
      : untranslatable(`${param}.content[${index}]`, `A '${part.type}' part in a system or developer message`),
  );
}

function convertUserContent(content: MessageItem['content'], param: string, warnings: ConversionWarning[]): UserContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part, index) => convertInputPart(part, `${param}.content[${index}]`, warnings));
}

function convertAssistantContent(content: MessageItem['content'], param: string, warnings: ConversionWarning[]): TextPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part, index) => {
    switch (part.type) {
      case 'output_text':
      case 'input_text':
        return { type: 'text', text: part.text };
      case 'refusal':
        // ⚠ choice: no other protocol has a refusal channel in history; the model sees what it said.
        addOpenAIResponsesWarning(warnings, { type: 'adjusted', feature: 'refusal', detail: 'sent as assistant text' });
        return { type: 'text', text: part.refusal };
      default:
        return untranslatable(`${param}.content[${index}]`, `A '${part.type}' part in an assistant message`);
    }
  });
}

/** A user or tool-output part: text, image or file; audio cannot be carried. */
function convertInputPart(part: ContentPart, param: string, warnings: ConversionWarning[]): UserContentPart {
  switch (part.type) {
    case 'input_text':
    case 'output_text':
      return { type: 'text', text: part.text };
    case 'input_image': {
      if (part.image_url == null) return untranslatable(`${param}.file_id`, 'An image given by file_id');
      const image: { type: 'image'; source: ImagePart['source']; detail?: string } = { type: 'image', source: parseOpenAIChatImageUrl(part.image_url) };
      if (part.detail != null) image.detail = part.detail;
      return image;
    }
    case 'input_file':
      return convertOpenAIResponsesInputFileToCanonical(part, param, warnings);
    default:
      return untranslatable(param, `An '${part.type}' part`);
  }
}

function convertToolOutput(output: ToolOutput, param: string, warnings: ConversionWarning[]): ToolResultPart['content'] {
  if (typeof output === 'string') return output;
  return output.map((part, index) => convertInputPart(part, `${param}[${index}]`, warnings));
}

/** Summary texts joined by a blank line (raw `reasoning_text` content when there is no summary). */
function convertReasoning(item: Extract<OpenAIResponsesInputItem, { type: 'reasoning' }>): ReasoningPart {
  const texts = (item.summary ?? []).length > 0 ? (item.summary ?? []) : (item.content ?? []);
  const part: { -readonly [Key in keyof ReasoningPart]: ReasoningPart[Key] } = { type: 'reasoning', text: texts.map((text) => text.text).join('\n\n') };
  if (item.id != null) part.id = item.id;
  if (item.encrypted_content != null) Object.assign(part, decodeOpenAIResponsesEncryptedContent(item.encrypted_content));
  return part;
}
