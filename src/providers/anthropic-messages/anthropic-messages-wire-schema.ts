import { z } from 'zod';

/**
 * The Messages request as a client sends it (the Anthropic SDK, Claude Code). Every field the translators
 * read is checked; every other field passes (a same-protocol upstream gets the body untouched, and the
 * request converter warns about what it cannot carry). Block types the gateway does not know are accepted
 * here and handled by the converter (a 400 for user content it cannot carry, a warning elsewhere).
 * @see https://docs.anthropic.com/en/api/messages
 */

const cacheControl = z.looseObject({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).nullish() }).nullish();

const textBlock = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControl,
  citations: z.array(z.unknown()).nullish(),
});

const imageBlock = z.looseObject({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [
    z.looseObject({ type: z.literal('base64'), media_type: z.string(), data: z.string() }),
    z.looseObject({ type: z.literal('url'), url: z.string() }),
    z.looseObject({ type: z.literal('file'), file_id: z.string() }),
  ]),
  cache_control: cacheControl,
});

/**
 * A document: a PDF (`base64`, `url`), plain text (`text`), the client's own blocks (`content`) or a Files
 * API file (`file`). The last two are read only to be refused by name.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/pdf-support
 */
const documentBlock = z.looseObject({
  type: z.literal('document'),
  source: z.discriminatedUnion('type', [
    z.looseObject({ type: z.literal('base64'), media_type: z.string(), data: z.string() }),
    z.looseObject({ type: z.literal('url'), url: z.string() }),
    z.looseObject({ type: z.literal('text'), media_type: z.string(), data: z.string() }),
    z.looseObject({ type: z.literal('content'), content: z.unknown() }),
    z.looseObject({ type: z.literal('file'), file_id: z.string() }),
  ]),
  title: z.string().nullish(),
  context: z.string().nullish(),
  citations: z.looseObject({ enabled: z.boolean().nullish() }).nullish(),
  cache_control: cacheControl,
});

/**
 * A block of a type this file does not describe (search_result, server tool results, …), tagged
 * `unknown-block` so that converters can switch on `type`.
 */
const otherBlock = (known: readonly string[]) =>
  z
    .looseObject({ type: z.string().refine((type) => !known.includes(type), { message: 'Invalid block' }) })
    .transform((block) => ({ type: 'unknown-block' as const, blockType: block.type }));

const toolResultContentBlock = z.union([z.discriminatedUnion('type', [textBlock, imageBlock, documentBlock]), otherBlock(['text', 'image', 'document'])]);

const toolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(toolResultContentBlock)]).nullish(),
  is_error: z.boolean().nullish(),
  cache_control: cacheControl,
});

const toolUseBlock = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
  cache_control: cacheControl,
});

const thinkingBlock = z.looseObject({ type: z.literal('thinking'), thinking: z.string(), signature: z.string().nullish() });
const redactedThinkingBlock = z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() });

const knownBlockTypes = ['text', 'image', 'document', 'tool_result', 'tool_use', 'thinking', 'redacted_thinking'];

const contentBlock = z.union([
  z.discriminatedUnion('type', [textBlock, imageBlock, documentBlock, toolResultBlock, toolUseBlock, thinkingBlock, redactedThinkingBlock]),
  otherBlock(knownBlockTypes),
]);

const message = z.discriminatedUnion('role', [
  z.looseObject({ role: z.literal('user'), content: z.union([z.string(), z.array(contentBlock)]) }),
  z.looseObject({ role: z.literal('assistant'), content: z.union([z.string(), z.array(contentBlock)]) }),
  /** A system instruction inside the conversation (2026 API; Claude Code sends it). */
  z.looseObject({ role: z.literal('system'), content: z.union([z.string(), z.array(textBlock)]) }),
]);

/** A client tool (`input_schema`); `type` is absent, null or `custom`. */
const customTool = z.looseObject({
  type: z.literal('custom').nullish(),
  name: z.string().min(1),
  description: z.string().nullish(),
  input_schema: z.record(z.string(), z.unknown()),
  strict: z.boolean().nullish(),
  cache_control: cacheControl,
});

/** A server or Anthropic-defined tool (`web_search_20250305`, `bash_20250124`, …): versioned `type`, no schema. */
const serverTool = z
  .looseObject({
    type: z.string().refine((type) => type !== 'custom', { message: 'Invalid tool' }),
    name: z.string(),
  })
  .transform((tool) => ({ type: 'server-tool' as const, toolType: tool.type, name: tool.name }));

const parallel = { disable_parallel_tool_use: z.boolean().nullish() };

const toolChoice = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('auto'), ...parallel }),
  z.looseObject({ type: z.literal('any'), ...parallel }),
  z.looseObject({ type: z.literal('tool'), name: z.string(), ...parallel }),
  z.looseObject({ type: z.literal('none') }),
]);

const thinkingDisplay = { display: z.enum(['summarized', 'omitted']).nullish() };

const thinking = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('enabled'), budget_tokens: z.number().int().positive(), ...thinkingDisplay }),
  z.looseObject({ type: z.literal('adaptive'), ...thinkingDisplay }),
  z.looseObject({ type: z.literal('disabled') }),
  /** 2026 SDK: think between tool calls only. */
  z.looseObject({ type: z.literal('between_tools') }),
]);

export const anthropicMessagesEfforts = ['low', 'medium', 'high', 'xhigh', 'max'] as const;

const outputConfig = z.looseObject({
  effort: z.enum(anthropicMessagesEfforts).nullish(),
  format: z.looseObject({ type: z.literal('json_schema'), schema: z.record(z.string(), z.unknown()) }).nullish(),
});

export const anthropicMessagesRequestSchema = z
  .looseObject({
    model: z.string().min(1).describe('Model name or alias; routed by the gateway.'),
    max_tokens: z.number().int().positive().describe('The output cap, thinking included.'),
    messages: z.array(message).describe('The conversation so far.'),
    system: z.union([z.string(), z.array(textBlock)]).nullish(),
    stream: z.boolean().nullish().describe('Answer as server-sent events.'),
    temperature: z.number().nullish(),
    top_p: z.number().nullish(),
    top_k: z.number().int().nullish(),
    stop_sequences: z.array(z.string()).nullish(),
    metadata: z.looseObject({ user_id: z.string().nullish() }).nullish(),
    tools: z.array(z.union([customTool, serverTool])).nullish(),
    tool_choice: toolChoice.nullish(),
    thinking: thinking.nullish(),
    output_config: outputConfig.nullish(),
  })
  .meta({ id: 'AnthropicMessagesRequest' });

export type AnthropicMessagesRequest = z.output<typeof anthropicMessagesRequestSchema>;
export type AnthropicMessagesMessage = AnthropicMessagesRequest['messages'][number];
export type AnthropicMessagesContentBlock = z.output<typeof contentBlock>;
export type AnthropicMessagesTextBlock = z.output<typeof textBlock>;
export type AnthropicMessagesImageBlock = z.output<typeof imageBlock>;
export type AnthropicMessagesDocumentBlock = z.output<typeof documentBlock>;
export type AnthropicMessagesToolResultContentBlock = z.output<typeof toolResultContentBlock>;
