import type {
  AssistantContentPart,
  CacheControl,
  CanonicalMessage,
  ImagePart,
  TextPart,
  ToolCallPart,
  ToolResultContentPart,
  ToolResultPart,
} from '../../canonical/canonical-content.ts';
import type { ConversionWarning, Converted } from '../../canonical/conversion-warning.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import type {
  AnthropicAssistantBlockBody,
  AnthropicCacheControl,
  AnthropicDocumentBlockBody,
  AnthropicImageBlockBody,
  AnthropicMessageBody,
  AnthropicTextBlockBody,
  AnthropicToolResultBlockBody,
  AnthropicToolUseBlockBody,
  AnthropicUserBlockBody,
} from './anthropic-messages-wire-types.ts';
import { convertToAnthropicMessagesDocument } from './convert-to-anthropic-messages-document.ts';
import { parseAnthropicMessagesJson } from './parse-anthropic-messages-json.ts';

export interface AnthropicConversationBody {
  readonly system: string | AnthropicTextBlockBody[] | undefined;
  readonly messages: AnthropicMessageBody[];
}

type Turn = { role: 'user'; blocks: AnthropicUserBlockBody[] } | { role: 'assistant'; blocks: AnthropicAssistantBlockBody[] };

/**
 * Canonical system and messages -> AM `system` and `messages`.
 * - System parts, and system messages found inside the conversation, go into the top-level `system` (text
 *   blocks, `cache_control` kept; a plain string when it is one uncached text). A system message inside
 *   the conversation loses its position: warning.
 * - A `tool` message becomes a user message of `tool_result` blocks. Consecutive messages of one role are
 *   merged into one, `tool_result` blocks first (AM requires them at the start of the user message).
 * - Files become `document` blocks (convert-to-anthropic-messages-document.ts), in user content and in tool
 *   results alike.
 * - Tool-call arguments (JSON text) become the `input` object; text that is not a JSON object becomes `{}`
 *   with a warning.
 * - Reasoning goes back verbatim: `thinking` with its signature, or `redacted_thinking`. Reasoning from
 *   another provider (no signature) cannot be replayed to Anthropic and is dropped with a warning.
 * - Empty text carries nothing and is left out (AM rejects empty text blocks), as are messages left empty.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function convertToAnthropicMessagesMessages(system: readonly TextPart[], messages: readonly CanonicalMessage[]): Converted<AnthropicConversationBody> {
  const warnings: ConversionWarning[] = [];
  const systemBlocks = system.filter((part) => part.text !== '').map(convertTextPart);
  const turns: Turn[] = [];
  messages.forEach((message, index) => {
    switch (message.role) {
      case 'system':
        warnings.push({
          type: 'adjusted',
          feature: `messages[${index}].role`,
          detail: 'system message moved to the top-level system prompt; its position is lost',
        });
        systemBlocks.push(...message.content.filter((part) => part.text !== '').map(convertTextPart));
        return;
      case 'user':
        addTurn(turns, { role: 'user', blocks: message.content.flatMap((part) => convertUserPart(part, warnings, index)) });
        return;
      case 'tool':
        addTurn(turns, { role: 'user', blocks: message.content.map((part) => convertToolResult(part, warnings, index)) });
        return;
      case 'assistant':
        addTurn(turns, { role: 'assistant', blocks: message.content.flatMap((part) => convertAssistantPart(part, warnings, index)) });
        return;
    }
  });
  return { value: { system: simplifySystem(systemBlocks), messages: turns.map(simplifyTurn) }, warnings };
}

function addTurn(turns: Turn[], turn: Turn): void {
  if (turn.blocks.length === 0) return;
  const previous = turns.at(-1);
  if (previous === undefined || previous.role !== turn.role) {
    turns.push(turn);
    return;
  }
  if (previous.role === 'assistant' && turn.role === 'assistant') {
    previous.blocks.push(...turn.blocks);
  } else if (previous.role === 'user' && turn.role === 'user') {
    const all = [...previous.blocks, ...turn.blocks];
    previous.blocks = [...all.filter((block) => block.type === 'tool_result'), ...all.filter((block) => block.type !== 'tool_result')];
  }
}

function simplifySystem(blocks: AnthropicTextBlockBody[]): string | AnthropicTextBlockBody[] | undefined {
  if (blocks.length === 0) return undefined;
  const only = blocks[0];
  return blocks.length === 1 && only !== undefined && only.cache_control === undefined ? only.text : blocks;
}

function simplifyTurn(turn: Turn): AnthropicMessageBody {
  const only = turn.blocks[0];
  if (turn.blocks.length === 1 && only !== undefined && only.type === 'text' && only.cache_control === undefined)
    return { role: turn.role, content: only.text };
  return turn.role === 'user' ? { role: 'user', content: turn.blocks } : { role: 'assistant', content: turn.blocks };
}

function convertTextPart(part: TextPart): AnthropicTextBlockBody {
  return withCacheControl<AnthropicTextBlockBody>({ type: 'text', text: part.text }, part.cacheControl);
}

function convertImagePart(part: ImagePart, warnings: ConversionWarning[], index: number): AnthropicImageBlockBody {
  if (part.detail !== undefined && part.detail !== 'auto') {
    warnings.push({ type: 'dropped', feature: `messages[${index}].image.detail`, detail: 'Anthropic has no image detail setting' });
  }
  const source = part.source;
  if (source.kind === 'base64')
    return withCacheControl<AnthropicImageBlockBody>(
      { type: 'image', source: { type: 'base64', media_type: source.mediaType, data: source.data } },
      part.cacheControl,
    );
  if (!source.url.startsWith('data:'))
    return withCacheControl<AnthropicImageBlockBody>({ type: 'image', source: { type: 'url', url: source.url } }, part.cacheControl);
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(source.url);
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new GatewayError('GW_ERR_INVALID_REQUEST', {
      message: `messages[${index}]: an image data URL must be base64-encoded.`,
      param: `messages[${index}].content`,
    });
  }
  return withCacheControl<AnthropicImageBlockBody>({ type: 'image', source: { type: 'base64', media_type: match[1], data: match[2] } }, part.cacheControl);
}

/** A user part, or a part of a tool result's content (AM allows the same three block types in both). */
function convertUserPart(
  part: ToolResultContentPart,
  warnings: ConversionWarning[],
  index: number,
): (AnthropicTextBlockBody | AnthropicImageBlockBody | AnthropicDocumentBlockBody)[] {
  switch (part.type) {
    case 'image':
      return [convertImagePart(part, warnings, index)];
    case 'file':
      return [withCacheControl(convertToAnthropicMessagesDocument(part, warnings, `messages[${index}].file`), part.cacheControl)];
    case 'text':
      return part.text === '' ? [] : [convertTextPart(part)];
  }
}

function convertToolResult(part: ToolResultPart, warnings: ConversionWarning[], index: number): AnthropicToolResultBlockBody {
  const content = typeof part.content === 'string' ? part.content : part.content.flatMap((inner) => convertUserPart(inner, warnings, index));
  const block: AnthropicToolResultBlockBody = { type: 'tool_result', tool_use_id: part.toolCallId, content: content.length === 0 ? '' : content };
  if (part.isError === true) block.is_error = true;
  return withCacheControl(block, part.cacheControl);
}

function convertAssistantPart(part: AssistantContentPart, warnings: ConversionWarning[], index: number): AnthropicAssistantBlockBody[] {
  switch (part.type) {
    case 'text':
      return part.text === '' ? [] : [convertTextPart(part)];
    case 'tool-call':
      return [
        withCacheControl<AnthropicToolUseBlockBody>(
          { type: 'tool_use', id: part.id, name: part.name, input: parseToolInput(part, warnings, index) },
          part.cacheControl,
        ),
      ];
    case 'reasoning':
      if (part.redactedData !== undefined) return [{ type: 'redacted_thinking', data: part.redactedData }];
      if (part.signature !== undefined && part.signature !== '') return [{ type: 'thinking', thinking: part.text, signature: part.signature }];
      warnings.push({ type: 'dropped', feature: `messages[${index}].reasoning`, detail: 'reasoning from another provider cannot be replayed to Anthropic' });
      return [];
  }
}

function parseToolInput(part: ToolCallPart, warnings: ConversionWarning[], index: number): Record<string, unknown> {
  if (part.arguments.trim() === '') return {};
  const parsed = parseAnthropicMessagesJson(part.arguments);
  if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value)) return parsed.value as Record<string, unknown>;
  warnings.push({ type: 'adjusted', feature: `messages[${index}].tool_calls.arguments`, detail: `arguments of ${part.id} are not a JSON object; sent as {}` });
  return {};
}

function withCacheControl<Block extends { cache_control?: AnthropicCacheControl }>(block: Block, cacheControl: CacheControl | undefined): Block {
  if (cacheControl === undefined) return block;
  block.cache_control = cacheControl.ttl === undefined ? { type: 'ephemeral' } : { type: 'ephemeral', ttl: cacheControl.ttl };
  return block;
}
