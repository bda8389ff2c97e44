import type {
  AssistantContentPart,
  CacheControl,
  CanonicalMessage,
  ImagePart,
  TextPart,
  ToolCallPart,
  ToolResultContentPart,
  ToolResultPart,
  UserContentPart,
} from '../../canonical/canonical-content.ts';
import type { ConversionWarning, Converted } from '../../canonical/conversion-warning.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import type {
  AnthropicMessagesContentBlock,
  AnthropicMessagesImageBlock,
  AnthropicMessagesMessage,
  AnthropicMessagesRequest,
  AnthropicMessagesTextBlock,
  AnthropicMessagesToolResultContentBlock,
} from './anthropic-messages-wire-schema.ts';
import { convertAnthropicMessagesDocumentToCanonical } from './convert-anthropic-messages-document-to-canonical.ts';

export interface CanonicalConversation {
  readonly system: readonly TextPart[];
  readonly messages: readonly CanonicalMessage[];
}

type WireCacheControl = AnthropicMessagesTextBlock['cache_control'];

/**
 * `system` and `messages` -> canonical. A `role: "system"` message stays a system message in place. A user
 * message's `tool_result` blocks become one `tool` message placed before the rest of that message (AM puts
 * results first), so a user message with both is split into `tool` + `user`. `tool_use.input` (an object)
 * becomes JSON text. Thinking blocks are kept verbatim as reasoning (signature, redacted data).
 * Documents become canonical files (convert-anthropic-messages-document-to-canonical.ts). User content the
 * canonical form cannot carry (search results, file images, file-id documents) is a 400: dropping it would
 * change the question. Server-tool blocks in assistant history are dropped with a warning.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function convertAnthropicMessagesMessagesToCanonical(
  system: AnthropicMessagesRequest['system'],
  messages: readonly AnthropicMessagesMessage[],
): Converted<CanonicalConversation> {
  const warnings: ConversionWarning[] = [];
  const canonical: CanonicalMessage[] = [];
  messages.forEach((message, messageIndex) => {
    const path = `messages.${messageIndex}`;
    switch (message.role) {
      case 'system':
        canonical.push({ role: 'system', content: convertTextContent(message.content, warnings, `${path}.content`) });
        return;
      case 'user':
        canonical.push(...convertUserMessage(message.content, warnings, path));
        return;
      case 'assistant':
        canonical.push({ role: 'assistant', content: convertAssistantContent(message.content, warnings, path) });
        return;
    }
  });
  return { value: { system: system == null ? [] : convertTextContent(system, warnings, 'system'), messages: canonical }, warnings };
}

function convertTextContent(content: string | readonly AnthropicMessagesTextBlock[], warnings: ConversionWarning[], path: string): TextPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return content.map((block, index) => convertTextBlock(block, warnings, `${path}.${index}`));
}

function convertTextBlock(block: AnthropicMessagesTextBlock, warnings: ConversionWarning[], path: string): TextPart {
  if (block.citations != null && block.citations.length > 0) warnings.push({ type: 'dropped', feature: `${path}.citations` });
  return withCacheControl<TextPart>({ type: 'text', text: block.text }, block.cache_control);
}

function convertImageBlock(block: AnthropicMessagesImageBlock, path: string): ImagePart {
  const source = block.source;
  if (source.type === 'file') {
    throw new GatewayError('GW_ERR_INVALID_REQUEST', {
      message: `${path}.source: file images (Files API) cannot be sent to this model's provider.`,
      param: `${path}.source`,
    });
  }
  const image: ImagePart =
    source.type === 'url'
      ? { type: 'image', source: { kind: 'url', url: source.url } }
      : { type: 'image', source: { kind: 'base64', mediaType: source.media_type, data: source.data } };
  return withCacheControl(image, block.cache_control);
}

function convertUserMessage(content: string | readonly AnthropicMessagesContentBlock[], warnings: ConversionWarning[], path: string): CanonicalMessage[] {
  if (typeof content === 'string') return [{ role: 'user', content: [{ type: 'text', text: content }] }];
  const results: ToolResultPart[] = [];
  const parts: UserContentPart[] = [];
  content.forEach((block, index) => {
    const blockPath = `${path}.content.${index}`;
    switch (block.type) {
      case 'text':
        parts.push(convertTextBlock(block, warnings, blockPath));
        return;
      case 'image':
        parts.push(convertImageBlock(block, blockPath));
        return;
      case 'document':
        parts.push(withCacheControl(convertAnthropicMessagesDocumentToCanonical(block, warnings, blockPath), block.cache_control));
        return;
      case 'tool_result':
        results.push(convertToolResult(block, warnings, blockPath));
        return;
      default:
        throw untranslatable(blockPath, block.type === 'unknown-block' ? block.blockType : block.type, 'user');
    }
  });
  const converted: CanonicalMessage[] = [];
  if (results.length > 0) converted.push({ role: 'tool', content: results });
  if (parts.length > 0 || results.length === 0) converted.push({ role: 'user', content: parts });
  return converted;
}

function convertToolResult(
  block: Extract<AnthropicMessagesContentBlock, { type: 'tool_result' }>,
  warnings: ConversionWarning[],
  path: string,
): ToolResultPart {
  const content =
    block.content == null
      ? ''
      : typeof block.content === 'string'
        ? block.content
        : block.content.flatMap((part, index) => convertToolResultContent(part, warnings, `${path}.content.${index}`));
  const result: ToolResultPart = { type: 'tool-result', toolCallId: block.tool_use_id, content };
  const withError: ToolResultPart = block.is_error === true ? { ...result, isError: true } : result;
  return withCacheControl(withError, block.cache_control);
}

/**
 * A `tool_reference` (tool search: "this deferred tool is now loaded") carries no content, and every tool
 * is sent to the other provider anyway: dropped with a warning. Other unknown blocks are a 400.
 */
function convertToolResultContent(block: AnthropicMessagesToolResultContentBlock, warnings: ConversionWarning[], path: string): ToolResultContentPart[] {
  switch (block.type) {
    case 'text':
      return [convertTextBlock(block, warnings, path)];
    case 'image':
      return [convertImageBlock(block, path)];
    case 'document':
      return [withCacheControl(convertAnthropicMessagesDocumentToCanonical(block, warnings, path), block.cache_control)];
    case 'unknown-block':
      if (block.blockType !== 'tool_reference') throw untranslatable(path, block.blockType, 'tool result');
      warnings.push({ type: 'dropped', feature: `${path}.type`, detail: 'tool_reference blocks are not carried' });
      return [];
  }
}

function convertAssistantContent(
  content: string | readonly AnthropicMessagesContentBlock[],
  warnings: ConversionWarning[],
  path: string,
): AssistantContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts: AssistantContentPart[] = [];
  content.forEach((block, index) => {
    const blockPath = `${path}.content.${index}`;
    switch (block.type) {
      case 'text':
        parts.push(convertTextBlock(block, warnings, blockPath));
        return;
      case 'tool_use':
        parts.push(
          withCacheControl<ToolCallPart>(
            { type: 'tool-call', id: block.id, name: block.name, arguments: JSON.stringify(block.input ?? {}) },
            block.cache_control,
          ),
        );
        return;
      case 'thinking':
        parts.push(
          block.signature == null || block.signature === ''
            ? { type: 'reasoning', text: block.thinking }
            : { type: 'reasoning', text: block.thinking, signature: block.signature },
        );
        return;
      case 'redacted_thinking':
        parts.push({ type: 'reasoning', text: '', redactedData: block.data });
        return;
      case 'unknown-block':
        warnings.push({ type: 'dropped', feature: `${blockPath}.type`, detail: `${block.blockType} blocks (server tools) are not carried` });
        return;
      default:
        warnings.push({ type: 'dropped', feature: `${blockPath}.type`, detail: `${block.type} blocks do not belong in an assistant message` });
    }
  });
  return parts;
}

function untranslatable(path: string, blockType: string, where: string): GatewayError {
  return new GatewayError('GW_ERR_INVALID_REQUEST', {
    message: `${path}: ${blockType} blocks in ${where} content cannot be sent to this model's provider.`,
    param: `${path}.type`,
  });
}

function withCacheControl<Part extends { readonly cacheControl?: CacheControl }>(part: Part, cacheControl: WireCacheControl): Part {
  if (cacheControl == null) return part;
  return { ...part, cacheControl: cacheControl.ttl == null ? { type: 'ephemeral' } : { type: 'ephemeral', ttl: cacheControl.ttl } };
}
