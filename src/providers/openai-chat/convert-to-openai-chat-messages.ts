import type { AssistantContentPart, CanonicalMessage, ImagePart, TextPart, ToolResultPart, UserContentPart } from '../../canonical/canonical-content.ts';
import type { ConversionWarning, Converted } from '../../canonical/conversion-warning.ts';
import { addOpenAIChatWarning } from './add-openai-chat-warning.ts';

export interface OpenAIChatTextPartBody {
  type: 'text';
  text: string;
}

export interface OpenAIChatImagePartBody {
  type: 'image_url';
  image_url: { url: string; detail?: string };
}

export interface OpenAIChatToolCallBody {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type OpenAIChatMessageBody =
  | { role: 'system'; content: string | OpenAIChatTextPartBody[] }
  | { role: 'user'; content: string | (OpenAIChatTextPartBody | OpenAIChatImagePartBody)[] }
  | { role: 'assistant'; content: string | OpenAIChatTextPartBody[] | null; tool_calls?: OpenAIChatToolCallBody[]; reasoning_content?: string }
  | { role: 'tool'; tool_call_id: string; content: string | OpenAIChatTextPartBody[] };

export interface ConvertToOpenAIChatMessagesOptions {
  /** Send reasoning text back as `reasoning_content` (DeepSeek/Kimi thinking mode needs it); otherwise dropped. */
  readonly sendReasoningContent?: boolean;
}

/**
 * Canonical system + messages -> Chat `messages`. The top-level system becomes one `system` message
 * first; system messages inside the conversation stay in place. One text part becomes a string, several
 * stay parts (lossless, and valid for every role). Each tool result becomes its own `tool` message;
 * images in tool results, which `tool` messages cannot hold, move to a `user` message right after.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 */
export function convertToOpenAIChatMessages(
  system: readonly TextPart[],
  messages: readonly CanonicalMessage[],
  options: ConvertToOpenAIChatMessagesOptions = {},
): Converted<OpenAIChatMessageBody[]> {
  const warnings: ConversionWarning[] = [];
  const noteCacheControl = (part: AssistantContentPart | UserContentPart | ToolResultPart) => {
    if ('cacheControl' in part && part.cacheControl !== undefined) {
      addOpenAIChatWarning(warnings, { type: 'dropped', feature: 'cache_control', detail: 'OpenAI caches prompts automatically' });
    }
  };
  const body: OpenAIChatMessageBody[] = [];
  if (system.length > 0) body.push({ role: 'system', content: toTextContent(system, noteCacheControl) });
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        body.push({ role: 'system', content: toTextContent(message.content, noteCacheControl) });
        break;
      case 'user':
        body.push({ role: 'user', content: toUserContent(message.content, noteCacheControl) });
        break;
      case 'assistant':
        body.push(toAssistantMessage(message.content, options, warnings, noteCacheControl));
        break;
      case 'tool':
        body.push(...toToolMessages(message.content, warnings, noteCacheControl));
        break;
    }
  }
  return { value: body, warnings };
}

function toTextContent(parts: readonly TextPart[], noteCacheControl: (part: TextPart) => void): string | OpenAIChatTextPartBody[] {
  parts.forEach(noteCacheControl);
  if (parts.length === 1 && parts[0] !== undefined) return parts[0].text;
  return parts.map((part) => ({ type: 'text', text: part.text }));
}

function toUserContent(
  parts: readonly UserContentPart[],
  noteCacheControl: (part: UserContentPart) => void,
): string | (OpenAIChatTextPartBody | OpenAIChatImagePartBody)[] {
  parts.forEach(noteCacheControl);
  if (parts.length === 1 && parts[0]?.type === 'text') return parts[0].text;
  return parts.map((part) => (part.type === 'text' ? { type: 'text', text: part.text } : toImagePart(part)));
}

function toImagePart(part: ImagePart): OpenAIChatImagePartBody {
  const url = part.source.kind === 'url' ? part.source.url : `data:${part.source.mediaType};base64,${part.source.data}`;
  return { type: 'image_url', image_url: part.detail === undefined ? { url } : { url, detail: part.detail } };
}

function toAssistantMessage(
  parts: readonly AssistantContentPart[],
  options: ConvertToOpenAIChatMessagesOptions,
  warnings: ConversionWarning[],
  noteCacheControl: (part: AssistantContentPart) => void,
): OpenAIChatMessageBody {
  const texts: TextPart[] = [];
  const toolCalls: OpenAIChatToolCallBody[] = [];
  let reasoning = '';
  for (const part of parts) {
    noteCacheControl(part);
    if (part.type === 'text') texts.push(part);
    else if (part.type === 'tool-call') toolCalls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } });
    else if (options.sendReasoningContent === true && part.redactedData === undefined) reasoning += part.text;
    else addOpenAIChatWarning(warnings, { type: 'dropped', feature: 'reasoning', detail: 'Chat Completions has no reasoning input' });
  }
  const message: OpenAIChatMessageBody = {
    role: 'assistant',
    // OpenAI requires content unless tool calls are present.
    content: texts.length === 0 ? (toolCalls.length > 0 ? null : '') : toTextContent(texts, noteCacheControl),
  };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (reasoning !== '') message.reasoning_content = reasoning;
  return message;
}

function toToolMessages(
  results: readonly ToolResultPart[],
  warnings: ConversionWarning[],
  noteCacheControl: (part: ToolResultPart | TextPart | ImagePart) => void,
): OpenAIChatMessageBody[] {
  const toolMessages: OpenAIChatMessageBody[] = [];
  const movedImages: OpenAIChatImagePartBody[] = [];
  for (const result of results) {
    noteCacheControl(result);
    if (result.isError === true) {
      addOpenAIChatWarning(warnings, { type: 'dropped', feature: 'is_error', detail: 'tool messages have no error flag; the result text is sent as is' });
    }
    if (typeof result.content === 'string') {
      toolMessages.push({ role: 'tool', tool_call_id: result.toolCallId, content: result.content });
      continue;
    }
    const texts: TextPart[] = [];
    for (const part of result.content) {
      if (part.type === 'text') texts.push(part);
      else {
        noteCacheControl(part);
        movedImages.push(toImagePart(part));
      }
    }
    toolMessages.push({ role: 'tool', tool_call_id: result.toolCallId, content: texts.length === 0 ? '' : toTextContent(texts, noteCacheControl) });
  }
  if (movedImages.length > 0) {
    addOpenAIChatWarning(warnings, {
      type: 'adjusted',
      feature: 'tool_result.image',
      detail: 'tool messages hold text only; images sent in a user message after the results',
    });
    toolMessages.push({ role: 'user', content: movedImages });
  }
  return toolMessages;
}
