import type { AssistantContentPart, CanonicalMessage, TextPart, ToolResultPart, UserContentPart } from '../../canonical/canonical-content.ts';
import type { ConversionWarning, Converted } from '../../canonical/conversion-warning.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { addOpenAIChatWarning } from './add-openai-chat-warning.ts';
import { convertOpenAIChatFilePartToCanonical } from './convert-openai-chat-file-part-to-canonical.ts';
import type { OpenAIChatRequestDetail, OpenAIChatRequestMessage } from './openai-chat-request-detail-schema.ts';
import { parseOpenAIChatImageUrl } from './parse-openai-chat-image-url.ts';

export interface CanonicalConversation {
  readonly system: readonly TextPart[];
  readonly messages: readonly CanonicalMessage[];
}

type AssistantMessage = Extract<OpenAIChatRequestMessage, { role: 'assistant' }>;
type UserMessage = Extract<OpenAIChatRequestMessage, { role: 'user' }>;

/**
 * Chat `messages` -> canonical system + messages. System/developer messages before the first other
 * message become the top-level system (in order); later ones stay in place as canonical system
 * messages. Consecutive `tool` messages (one per parallel call) become one canonical `tool` message.
 * A `file` part: convert-openai-chat-file-part-to-canonical.ts. Audio parts, `custom` tool calls and the deprecated `function` role/`function_call` are a 400:
 * dropping them would change what the model is asked.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 */
export function convertOpenAIChatMessagesToCanonical(messages: OpenAIChatRequestDetail['messages']): Converted<CanonicalConversation> {
  const warnings: ConversionWarning[] = [];
  const system: TextPart[] = [];
  const canonical: CanonicalMessage[] = [];
  let leadingInstructions = true;
  let openToolResults: ToolResultPart[] | undefined;

  messages.forEach((message, messageIndex) => {
    if (message.role !== 'tool') openToolResults = undefined;
    if (message.role !== 'system' && message.role !== 'developer') leadingInstructions = false;
    if ('name' in message && typeof message.name === 'string') {
      addOpenAIChatWarning(warnings, { type: 'dropped', feature: 'messages[].name', detail: 'participant names have no equivalent' });
    }
    switch (message.role) {
      case 'system':
      case 'developer': {
        const parts = toTextParts(message.content);
        if (leadingInstructions) system.push(...parts);
        else canonical.push({ role: 'system', content: parts });
        return;
      }
      case 'user':
        canonical.push({ role: 'user', content: convertUserContent(message.content, messageIndex) });
        return;
      case 'assistant':
        canonical.push({ role: 'assistant', content: convertAssistantMessage(message, messageIndex, warnings) });
        return;
      case 'tool': {
        const result: ToolResultPart = {
          type: 'tool-result',
          toolCallId: message.tool_call_id,
          content: typeof message.content === 'string' ? message.content : toTextParts(message.content),
        };
        if (openToolResults === undefined) {
          openToolResults = [result];
          canonical.push({ role: 'tool', content: openToolResults });
        } else openToolResults.push(result);
        return;
      }
      case 'function':
        throw new GatewayError('GW_ERR_INVALID_REQUEST', {
          message: "The deprecated 'function' role cannot be translated for this model; send tool messages (role 'tool') instead.",
          param: `messages[${messageIndex}].role`,
        });
    }
  });
  return { value: { system, messages: canonical }, warnings };
}

function toTextParts(content: string | readonly { readonly text: string }[]): TextPart[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content.map((part) => ({ type: 'text', text: part.text }));
}

function convertUserContent(content: UserMessage['content'], messageIndex: number): UserContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part, partIndex): UserContentPart => {
    switch (part.type) {
      case 'text':
        return { type: 'text', text: part.text };
      case 'image_url': {
        const detail = part.image_url.detail;
        const source = parseOpenAIChatImageUrl(part.image_url.url);
        return typeof detail === 'string' ? { type: 'image', source, detail } : { type: 'image', source };
      }
      case 'file':
        return convertOpenAIChatFilePartToCanonical(part.file, `messages[${messageIndex}].content[${partIndex}].file`);
      default:
        // input_audio
        throw new GatewayError('GW_ERR_INVALID_REQUEST', {
          message: `Content parts of type '${part.type}' cannot be translated for this model's provider.`,
          param: `messages[${messageIndex}].content[${partIndex}].type`,
        });
    }
  });
}

function convertAssistantMessage(message: AssistantMessage, messageIndex: number, warnings: ConversionWarning[]): AssistantContentPart[] {
  const parts: AssistantContentPart[] = [];
  // DeepSeek/vLLM `reasoning_content`, OpenRouter `reasoning`: kept so a provider that needs it back gets it.
  const reasoning = message.reasoning_content ?? (typeof message.reasoning === 'string' ? message.reasoning : undefined);
  if (reasoning !== undefined && reasoning !== '') parts.push({ type: 'reasoning', text: reasoning });
  if (typeof message.content === 'string') {
    if (message.content !== '') parts.push({ type: 'text', text: message.content });
  } else if (message.content != null) {
    for (const part of message.content) {
      if (part.type === 'refusal') addRefusalWarning(warnings);
      const text = part.type === 'text' ? part.text : part.refusal;
      if (text !== '') parts.push({ type: 'text', text });
    }
  }
  if (typeof message.refusal === 'string' && message.refusal !== '') {
    addRefusalWarning(warnings);
    parts.push({ type: 'text', text: message.refusal });
  }
  if (message.function_call != null) {
    throw new GatewayError('GW_ERR_INVALID_REQUEST', {
      message: "The deprecated 'function_call' cannot be translated for this model; send 'tool_calls' instead.",
      param: `messages[${messageIndex}].function_call`,
    });
  }
  (message.tool_calls ?? []).forEach((call, callIndex) => {
    if (call.type !== 'function') {
      throw new GatewayError('GW_ERR_INVALID_REQUEST', {
        message: 'Custom tool calls cannot be translated for this model; only function tools can.',
        param: `messages[${messageIndex}].tool_calls[${callIndex}].type`,
      });
    }
    parts.push({ type: 'tool-call', id: call.id, name: call.function.name, arguments: call.function.arguments });
  });
  if (message.audio != null) addOpenAIChatWarning(warnings, { type: 'dropped', feature: 'messages[].audio', detail: 'earlier audio answers are not sent' });
  return parts;
}

function addRefusalWarning(warnings: ConversionWarning[]): void {
  addOpenAIChatWarning(warnings, { type: 'adjusted', feature: 'messages[].refusal', detail: 'sent as assistant text' });
}
