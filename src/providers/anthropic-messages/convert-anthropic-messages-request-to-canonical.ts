import type { CanonicalReasoning, CanonicalRequest, CanonicalResponseFormat, CanonicalTool, CanonicalToolChoice } from '../../canonical/canonical-request.ts';
import type { ConversionWarning, Converted } from '../../canonical/conversion-warning.ts';
import type { AnthropicMessagesRequest } from './anthropic-messages-wire-schema.ts';
import { convertAnthropicMessagesMessagesToCanonical } from './convert-anthropic-messages-messages-to-canonical.ts';
import { parseAnthropicMessagesRequest } from './parse-anthropic-messages-request.ts';

type Mutable<Value> = { -readonly [Key in keyof Value]: Value[Key] };

/** The top-level fields this converter reads; every other one is dropped with a warning. */
const readFields = new Set([
  'model',
  'max_tokens',
  'messages',
  'system',
  'stream',
  'temperature',
  'top_p',
  'top_k',
  'stop_sequences',
  'metadata',
  'tools',
  'tool_choice',
  'thinking',
  'output_config',
]);

/**
 * A Messages request (the parsed JSON body) -> canonical, for a provider that speaks another protocol.
 * Malformed fields it reads are a 400 naming the field. Top-level fields it does not know
 * (`context_management`, `container`, `service_tier`, `mcp_servers`, top-level `cache_control`, beta
 * fields, …) are dropped with one warning each.
 * Reasoning: `thinking.budget_tokens` is kept as the budget (a provider that takes an effort buckets it,
 * select-openai-reasoning-effort.ts); an explicit `output_config.effort` is kept beside it; `adaptive` keeps
 * the effort given, if any.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function convertAnthropicMessagesRequestToCanonical(body: unknown): Converted<CanonicalRequest> {
  const request = parseAnthropicMessagesRequest(body);
  const conversation = convertAnthropicMessagesMessagesToCanonical(request.system, request.messages);
  const warnings: ConversionWarning[] = [...conversation.warnings];
  for (const key of Object.keys(request)) {
    if (!readFields.has(key) && request[key] !== undefined) warnings.push({ type: 'dropped', feature: key });
  }

  const canonical: Mutable<CanonicalRequest> = {
    model: request.model,
    system: conversation.value.system,
    messages: conversation.value.messages,
    tools: convertTools(request.tools, warnings),
    stream: request.stream === true,
    maxOutputTokens: request.max_tokens,
  };
  if (request.temperature != null) canonical.temperature = request.temperature;
  if (request.top_p != null) canonical.topP = request.top_p;
  if (request.top_k != null) canonical.topK = request.top_k;
  if (request.stop_sequences != null && request.stop_sequences.length > 0) canonical.stopSequences = request.stop_sequences;
  if (request.metadata != null) {
    if (request.metadata.user_id != null) canonical.userId = request.metadata.user_id;
    for (const key of Object.keys(request.metadata)) if (key !== 'user_id') warnings.push({ type: 'dropped', feature: `metadata.${key}` });
  }
  if (request.tool_choice != null) {
    canonical.toolChoice = convertToolChoice(request.tool_choice);
    const disable = 'disable_parallel_tool_use' in request.tool_choice ? request.tool_choice.disable_parallel_tool_use : undefined;
    if (disable != null) canonical.parallelToolCalls = !disable;
  }
  const reasoning = convertReasoning(request, warnings);
  if (reasoning !== undefined) canonical.reasoning = reasoning;
  const format = request.output_config?.format;
  if (format != null) canonical.responseFormat = { type: 'json-schema', schema: format.schema } satisfies CanonicalResponseFormat;
  for (const key of Object.keys(request.output_config ?? {})) {
    if (key !== 'effort' && key !== 'format') warnings.push({ type: 'dropped', feature: `output_config.${key}` });
  }
  return { value: canonical, warnings };
}

function convertTools(tools: AnthropicMessagesRequest['tools'], warnings: ConversionWarning[]): CanonicalTool[] {
  const converted: CanonicalTool[] = [];
  (tools ?? []).forEach((tool, index) => {
    if (tool.type === 'server-tool') {
      warnings.push({ type: 'dropped', feature: `tools.${index}`, detail: `server tool ${tool.name} (${tool.toolType}) is not available on this provider` });
      return;
    }
    const canonical: Mutable<CanonicalTool> = { name: tool.name, inputSchema: tool.input_schema };
    if (tool.description != null) canonical.description = tool.description;
    if (tool.strict != null) canonical.strict = tool.strict;
    if (tool.cache_control != null)
      canonical.cacheControl = tool.cache_control.ttl == null ? { type: 'ephemeral' } : { type: 'ephemeral', ttl: tool.cache_control.ttl };
    for (const key of ['eager_input_streaming', 'defer_loading', 'allowed_callers', 'input_examples']) {
      if (tool[key] != null) warnings.push({ type: 'dropped', feature: `tools.${index}.${key}` });
    }
    converted.push(canonical);
  });
  return converted;
}

/** @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use#forcing-tool-use */
function convertToolChoice(choice: NonNullable<AnthropicMessagesRequest['tool_choice']>): CanonicalToolChoice {
  switch (choice.type) {
    case 'auto':
      return { type: 'auto' };
    case 'any':
      return { type: 'required' };
    case 'none':
      return { type: 'none' };
    case 'tool':
      return { type: 'tool', name: choice.name };
  }
}

/** @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking */
function convertReasoning(request: AnthropicMessagesRequest, warnings: ConversionWarning[]): CanonicalReasoning | undefined {
  const thinking = request.thinking;
  const effort = request.output_config?.effort ?? undefined;
  if (thinking != null && 'display' in thinking && thinking.display != null) {
    warnings.push({ type: 'dropped', feature: 'thinking.display' });
  }
  switch (thinking?.type) {
    case undefined:
      return effort === undefined ? undefined : { enabled: true, effort };
    case 'disabled':
      return { enabled: false };
    case 'enabled':
      return effort === undefined ? { enabled: true, budgetTokens: thinking.budget_tokens } : { enabled: true, budgetTokens: thinking.budget_tokens, effort };
    case 'adaptive':
      return effort === undefined ? { enabled: true, adaptive: true } : { enabled: true, adaptive: true, effort };
    case 'between_tools':
      warnings.push({ type: 'adjusted', feature: 'thinking.type', detail: 'between_tools is sent as adaptive reasoning' });
      return effort === undefined ? { enabled: true, adaptive: true } : { enabled: true, adaptive: true, effort };
  }
}
