import type { CanonicalMessage, ToolResultContentPart, ToolResultPart } from '../../canonical/canonical-content.ts';
import type { ConversionWarning, Converted } from '../../canonical/conversion-warning.ts';
import { addOpenAIResponsesWarning } from './add-openai-responses-warning.ts';
import { convertToOpenAIResponsesFilePart, type OpenAIResponsesFilePartBody } from './convert-to-openai-responses-file-part.ts';

export type OpenAIResponsesInputPartBody =
  | { type: 'input_text'; text: string }
  | { type: 'input_image'; image_url: string; detail: string }
  | OpenAIResponsesFilePartBody;

export type OpenAIResponsesInputItemBody =
  | { type: 'message'; role: 'user' | 'developer'; content: OpenAIResponsesInputPartBody[] }
  | { type: 'message'; role: 'assistant'; content: { type: 'output_text'; text: string }[] }
  | { type: 'function_call'; call_id: string; name: string; arguments: string }
  | { type: 'function_call_output'; call_id: string; output: string | OpenAIResponsesInputPartBody[] }
  | { type: 'reasoning'; id: string; summary: { type: 'summary_text'; text: string }[]; encrypted_content: string };

/**
 * Canonical messages -> Responses input items (the stateless form: the whole conversation every time).
 * - System messages inside the conversation -> `developer` messages in place.
 * - An assistant message -> its items in order: reasoning items, an output message per run of text,
 *   `function_call` items (tool-call ids pass through as `call_id`).
 * - Reasoning goes back only when it came from a Responses model (`encrypted_content` and its `rs_` id);
 *   other providers' thinking (signatures, redacted data) cannot be read by OpenAI and is dropped.
 * - Files -> `input_file` or `input_text` (convert-to-openai-responses-file-part.ts), in user messages and
 *   in `function_call_output` arrays alike.
 * - Tool results -> `function_call_output`; `is_error` has no field and is dropped with a warning.
 * @see https://platform.openai.com/docs/guides/conversation-state#manually-manage-conversation-state
 */
export function convertToOpenAIResponsesInput(messages: readonly CanonicalMessage[]): Converted<OpenAIResponsesInputItemBody[]> {
  const warnings: ConversionWarning[] = [];
  const items: OpenAIResponsesInputItemBody[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        items.push({ type: 'message', role: 'developer', content: message.content.map((part) => convertUserPart(part, warnings)) });
        break;
      case 'user':
        items.push({ type: 'message', role: 'user', content: message.content.map((part) => convertUserPart(part, warnings)) });
        break;
      case 'assistant': {
        let text: { type: 'output_text'; text: string }[] | undefined;
        for (const part of message.content) {
          if (part.type !== 'text') text = undefined;
          if (part.type !== 'reasoning' && part.cacheControl !== undefined) addCacheWarning(warnings);
          switch (part.type) {
            case 'text':
              if (text === undefined) {
                text = [];
                items.push({ type: 'message', role: 'assistant', content: text });
              }
              text.push({ type: 'output_text', text: part.text });
              break;
            case 'tool-call':
              items.push({ type: 'function_call', call_id: part.id, name: part.name, arguments: part.arguments });
              break;
            case 'reasoning':
              if (part.encryptedContent !== undefined && part.id !== undefined) {
                items.push({
                  type: 'reasoning',
                  id: part.id,
                  summary: part.text === '' ? [] : [{ type: 'summary_text', text: part.text }],
                  encrypted_content: part.encryptedContent,
                });
              } else {
                addOpenAIResponsesWarning(warnings, {
                  type: 'dropped',
                  feature: 'reasoning',
                  detail: 'only reasoning from an OpenAI Responses model (encrypted_content and its id) can be sent back',
                });
              }
              break;
          }
        }
        break;
      }
      case 'tool':
        for (const result of message.content) items.push(convertToolResult(result, warnings));
        break;
    }
  }
  return { value: items, warnings };
}

function addCacheWarning(warnings: ConversionWarning[]): void {
  addOpenAIResponsesWarning(warnings, { type: 'dropped', feature: 'cache_control', detail: 'OpenAI caches prompts automatically' });
}

function convertUserPart(part: ToolResultContentPart, warnings: ConversionWarning[]): OpenAIResponsesInputPartBody {
  if (part.cacheControl !== undefined) addCacheWarning(warnings);
  if (part.type === 'text') return { type: 'input_text', text: part.text };
  if (part.type === 'file') return convertToOpenAIResponsesFilePart(part, warnings);
  const url = part.source.kind === 'url' ? part.source.url : `data:${part.source.mediaType};base64,${part.source.data}`;
  // `detail` is required by the schema (the docs examples leave it out); `auto` is the default.
  return { type: 'input_image', image_url: url, detail: part.detail ?? 'auto' };
}

function convertToolResult(result: ToolResultPart, warnings: ConversionWarning[]): OpenAIResponsesInputItemBody {
  if (result.cacheControl !== undefined) addCacheWarning(warnings);
  if (result.isError === true)
    addOpenAIResponsesWarning(warnings, { type: 'dropped', feature: 'is_error', detail: 'Responses tool outputs have no error flag' });
  const output = typeof result.content === 'string' ? result.content : result.content.map((part) => convertUserPart(part, warnings));
  return { type: 'function_call_output', call_id: result.toolCallId, output };
}
