import type {
  AssistantContentPart,
  CanonicalMessage,
  ImagePart,
  TextPart,
  ToolResultContentPart,
  ToolResultPart,
  UserContentPart,
} from '../../canonical/canonical-content.ts';
import type { ConversionWarning, Converted } from '../../canonical/conversion-warning.ts';
import { addOpenAIChatWarning } from './add-openai-chat-warning.ts';
import { convertToOpenAIChatFilePart, type OpenAIChatFilePartBody } from './convert-to-openai-chat-file-part.ts';

export interface OpenAIChatTextPartBody {
  type: 'text';
  text: string;
}

export interface OpenAIChatImagePartBody {
  type: 'image_url';
  image_url: { url: string; detail?: string };
}

export type OpenAIChatUserPartBody = OpenAIChatTextPartBody | OpenAIChatImagePartBody | OpenAIChatFilePartBody;

export interface OpenAIChatToolCallBody {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type OpenAIChatMessageBody =
  | { role: 'system'; content: string | OpenAIChatTextPartBody[] }
  | { role: 'user'; content: string | OpenAIChatUserPartBody[] }
  | { role: 'assistant'; content: string | OpenAIChatTextPartBody[] | null; tool_calls?: OpenAIChatToolCallBody[]; reasoning_content?: string }
  | { role: 'tool'; tool_call_id: string; content: string | OpenAIChatTextPartBody[] };

export interface ConvertToOpenAIChatMessagesOptions {
  /** Send reasoning text back as `reasoning_content` (DeepSeek/Kimi thinking mode needs it); otherwise dropped. */
  readonly sendReasoningContent?: boolean;
}

/**
 * Canonical system + messages -> Chat `messages`. The top-level system becomes one `system` message
 * first; system messages inside the conversation stay in place. One text part becomes a string, several
 * stay parts (lossless, and valid for every role). Files: convert-to-openai-chat-file-part.ts. Each tool
 * result becomes its own `tool` message; images and file bytes in tool results, which `tool` messages
 * cannot hold, move to a `user` message right after (a plain-text file stays in the tool message as text).
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
  messages.forEach((message, index) => {
    switch (message.role) {
      case 'system':
        body.push({ role: 'system', content: toTextContent(message.content, noteCacheControl) });
        break;
      case 'user':
        body.push({ role: 'user', content: toUserContent(message.content, warnings, `messages[${index}]`, noteCacheControl) });
        break;
      case 'assistant':
        body.push(toAssistantMessage(message.content, options, warnings, noteCacheControl));
        break;
      case 'tool':
        body.push(...toToolMessages(message.content, warnings, `messages[${index}]`, noteCacheControl));
        break;
    }
  });
  return { value: body, warnings };
}

function toTextContent(parts: readonly TextPart[], noteCacheControl: (part: TextPart) => void): string | OpenAIChatTextPartBody[] {
  parts.forEach(noteCacheControl);
  if (parts.length === 1 && parts[0] !== undefined) return parts[0].text;
  return parts.map((part) => ({ type: 'text', text: part.text }));
}

function toUserContent(
  parts: readonly UserContentPart[],
  warnings: ConversionWarning[],
  path: string,
  noteCacheControl: (part: UserContentPart) => void,
): string | OpenAIChatUserPartBody[] {
  parts.forEach(noteCacheControl);
  if (parts.length === 1 && parts[0]?.type === 'text') return parts[0].text;
  return parts.map((part, index): OpenAIChatUserPartBody => {
    if (part.type === 'text') return { type: 'text', text: part.text };
    return part.type === 'image' ? toImagePart(part) : convertToOpenAIChatFilePart(part, warnings, `${path}.content[${index}]`);
  });
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
  path: string,
  noteCacheControl: (part: ToolResultPart | ToolResultContentPart) => void,
): OpenAIChatMessageBody[] {
  const toolMessages: OpenAIChatMessageBody[] = [];
  const moved: (OpenAIChatImagePartBody | OpenAIChatFilePartBody)[] = [];
  results.forEach((result, resultIndex) => {
    noteCacheControl(result);
    if (result.isError === true) {
      addOpenAIChatWarning(warnings, { type: 'dropped', feature: 'is_error', detail: 'tool messages have no error flag; the result text is sent as is' });
    }
    if (typeof result.content === 'string') {
      toolMessages.push({ role: 'tool', tool_call_id: result.toolCallId, content: result.content });
      return;
    }
    const texts: TextPart[] = [];
    result.content.forEach((part, partIndex) => {
      if (part.type !== 'text') noteCacheControl(part);
      const converted =
        part.type === 'text'
          ? part
          : part.type === 'image'
            ? toImagePart(part)
            : convertToOpenAIChatFilePart(part, warnings, `${path}.content[${resultIndex}].content[${partIndex}]`);
      if (converted.type === 'text') texts.push(converted);
      else moved.push(converted);
    });
    toolMessages.push({ role: 'tool', tool_call_id: result.toolCallId, content: texts.length === 0 ? '' : toTextContent(texts, noteCacheControl) });
  });
  if (moved.some((part) => part.type === 'image_url')) {
    addOpenAIChatWarning(warnings, {
      type: 'adjusted',
      feature: 'tool_result.image',
      detail: 'tool messages hold text only; images sent in a user message after the results',
    });
  }
  if (moved.some((part) => part.type === 'file')) {
    addOpenAIChatWarning(warnings, {
      type: 'adjusted',
      feature: 'tool_result.file',
      detail: 'tool messages hold text only; files sent in a user message after the results',
    });
  }
  if (moved.length > 0) toolMessages.push({ role: 'user', content: moved });
  return toolMessages;
}
