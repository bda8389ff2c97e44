import type { CanonicalMessage } from '../../canonical/canonical-content.ts';
import type { CanonicalRequest, CanonicalTool } from '../../canonical/canonical-request.ts';
import type { ConversionWarning, Converted } from '../../canonical/conversion-warning.ts';
import { reasoningEffortBudgets, type ThinkingBudgets } from '../../canonical/reasoning-effort-budgets.ts';
import type {
  AnthropicEffort,
  AnthropicMessagesRequestBody,
  AnthropicThinkingBody,
  AnthropicToolBody,
  AnthropicToolChoiceBody,
} from './anthropic-messages-wire-types.ts';
import { convertToAnthropicMessagesMessages } from './convert-to-anthropic-messages-messages.ts';

export interface ConvertToAnthropicMessagesRequestOptions {
  /** `max_tokens` (required by AM) when the request has no output cap; a thinking budget is added on top. Default 4096. */
  readonly defaultMaxTokens?: number;
  /** Effort -> `budget_tokens`; default `reasoningEffortBudgets`. */
  readonly thinkingBudgets?: ThinkingBudgets;
}

/** Anthropic's smallest thinking budget. */
const minimumBudgetTokens = 1_024;

interface ThinkingPlan {
  readonly thinking?: AnthropicThinkingBody;
  readonly effort?: AnthropicEffort;
}

/**
 * Canonical -> a Messages request for an Anthropic upstream. Choices (each reported as a warning when it
 * changes something): temperature above 1 is clamped to 1; with thinking on, temperature and top_k are not
 * sent and top_p is raised to 0.95 (AM restrictions); a JSON-object response format has no AM equivalent
 * and is dropped; the JSON-schema format keeps its schema only. Reasoning: effort -> `budget_tokens`
 * through the one budget table (`none` -> disabled); adaptive thinking sends `output_config.effort`. Thinking
 * is dropped where AM would reject it: with a forced tool choice, or when the assistant turn of an open
 * tool loop does not start with a signed thinking block (history from another provider).
 * @see https://docs.anthropic.com/en/api/messages
 */
export function convertToAnthropicMessagesRequest(
  request: CanonicalRequest,
  options: ConvertToAnthropicMessagesRequestOptions = {},
): Converted<AnthropicMessagesRequestBody> {
  const conversation = convertToAnthropicMessagesMessages(request.system, request.messages);
  const warnings: ConversionWarning[] = [...conversation.warnings];
  const defaultMaxTokens = options.defaultMaxTokens ?? 4_096;
  const plan = planThinking(request, options.thinkingBudgets ?? reasoningEffortBudgets, warnings);

  let thinking = plan.thinking;
  let maxTokens = request.maxOutputTokens ?? (thinking?.type === 'enabled' ? thinking.budget_tokens + defaultMaxTokens : defaultMaxTokens);
  if (thinking?.type === 'enabled' && thinking.budget_tokens >= maxTokens) {
    const budget = Math.max(minimumBudgetTokens, Math.floor(maxTokens / 2));
    if (budget < maxTokens) {
      warnings.push({
        type: 'adjusted',
        feature: 'reasoning',
        detail: `thinking budget ${thinking.budget_tokens} lowered to ${budget} to stay under max_tokens ${maxTokens}`,
      });
      thinking = { type: 'enabled', budget_tokens: budget };
    } else {
      warnings.push({ type: 'dropped', feature: 'reasoning', detail: `max_tokens ${maxTokens} leaves no room for the minimum thinking budget` });
      thinking = undefined;
    }
  }
  maxTokens = Math.max(1, maxTokens);

  const body: AnthropicMessagesRequestBody = { model: request.model, max_tokens: maxTokens, messages: conversation.value.messages };
  if (conversation.value.system !== undefined) body.system = conversation.value.system;
  if (request.stream) body.stream = true;
  if (thinking !== undefined) body.thinking = thinking;
  const thinkingOn = thinking !== undefined && thinking.type !== 'disabled';
  if (thinkingOn && thinking?.type === 'adaptive' && plan.effort !== undefined) body.output_config = { effort: plan.effort };
  addSampling(body, request, thinkingOn, warnings);
  if (request.stopSequences !== undefined && request.stopSequences.length > 0) body.stop_sequences = [...request.stopSequences];
  if (request.userId !== undefined) body.metadata = { user_id: request.userId };
  if (request.tools.length > 0) body.tools = request.tools.map(convertTool);
  const toolChoice = convertToolChoice(request, warnings);
  if (toolChoice !== undefined) body.tool_choice = toolChoice;
  addResponseFormat(body, request, warnings);
  return { value: body, warnings };
}

/** @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking */
function planThinking(request: CanonicalRequest, budgets: ThinkingBudgets, warnings: ConversionWarning[]): ThinkingPlan {
  const reasoning = request.reasoning;
  if (reasoning === undefined) return {};
  if (!reasoning.enabled || reasoning.effort === 'none') return { thinking: { type: 'disabled' } };
  if (reasoning.summary !== undefined && reasoning.summary !== 'auto') warnings.push({ type: 'dropped', feature: 'reasoning.summary' });
  const choice = request.toolChoice?.type;
  if (choice === 'required' || choice === 'tool') {
    warnings.push({ type: 'dropped', feature: 'reasoning', detail: 'Anthropic does not allow thinking with a forced tool choice' });
    return {};
  }
  if (!toolLoopCanThink(request.messages)) {
    warnings.push({ type: 'dropped', feature: 'reasoning', detail: 'the assistant turn of the open tool loop has no signed thinking block to replay' });
    return {};
  }
  let effort: AnthropicEffort | undefined;
  if (reasoning.effort === 'minimal') {
    warnings.push({ type: 'adjusted', feature: 'reasoning.effort', detail: 'minimal is sent as low' });
    effort = 'low';
  } else {
    effort = reasoning.effort;
  }
  if (reasoning.adaptive === true) return effort === undefined ? { thinking: { type: 'adaptive' } } : { thinking: { type: 'adaptive' }, effort };
  const budget = reasoning.budgetTokens ?? budgets[reasoning.effort ?? 'medium'];
  return { thinking: { type: 'enabled', budget_tokens: Math.max(minimumBudgetTokens, budget) } };
}

/**
 * With thinking on, AM requires the last assistant message to start with its thinking block while its tool
 * calls are being answered (a tool loop in progress).
 */
function toolLoopCanThink(messages: readonly CanonicalMessage[]): boolean {
  let lastAssistant = messages.length - 1;
  while (lastAssistant >= 0 && messages[lastAssistant]?.role !== 'assistant') lastAssistant -= 1;
  const assistant = messages[lastAssistant];
  if (assistant === undefined || assistant.role !== 'assistant') return true;
  if (!assistant.content.some((part) => part.type === 'tool-call')) return true;
  if (!messages.slice(lastAssistant + 1).some((message) => message.role === 'tool')) return true;
  const first = assistant.content[0];
  return first?.type === 'reasoning' && ((first.signature !== undefined && first.signature !== '') || first.redactedData !== undefined);
}

function addSampling(body: AnthropicMessagesRequestBody, request: CanonicalRequest, thinkingOn: boolean, warnings: ConversionWarning[]): void {
  if (request.temperature !== undefined) {
    if (thinkingOn) {
      if (request.temperature !== 1) warnings.push({ type: 'dropped', feature: 'temperature', detail: 'not allowed with thinking' });
    } else if (request.temperature > 1) {
      warnings.push({ type: 'adjusted', feature: 'temperature', detail: `${request.temperature} clamped to 1 (Anthropic's range is 0-1)` });
      body.temperature = 1;
    } else {
      body.temperature = request.temperature;
    }
  }
  if (request.topP !== undefined) {
    if (thinkingOn && request.topP < 0.95) {
      warnings.push({ type: 'adjusted', feature: 'top_p', detail: `${request.topP} raised to 0.95 (the minimum with thinking)` });
      body.top_p = 0.95;
    } else {
      body.top_p = request.topP;
    }
  }
  if (request.topK !== undefined) {
    if (thinkingOn) warnings.push({ type: 'dropped', feature: 'top_k', detail: 'not allowed with thinking' });
    else body.top_k = request.topK;
  }
}

function convertTool(tool: CanonicalTool): AnthropicToolBody {
  const body: AnthropicToolBody = { name: tool.name, input_schema: { ...tool.inputSchema } };
  if (tool.description !== undefined) body.description = tool.description;
  // `strict` is new on AM; sent only when on (off is AM's default).
  if (tool.strict === true) body.strict = true;
  if (tool.cacheControl !== undefined)
    body.cache_control = tool.cacheControl.ttl === undefined ? { type: 'ephemeral' } : { type: 'ephemeral', ttl: tool.cacheControl.ttl };
  return body;
}

/** @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use#forcing-tool-use */
function convertToolChoice(request: CanonicalRequest, warnings: ConversionWarning[]): AnthropicToolChoiceBody | undefined {
  const choice = request.toolChoice;
  if (request.tools.length === 0) {
    if (choice?.type === 'required' || choice?.type === 'tool') warnings.push({ type: 'dropped', feature: 'tool_choice', detail: 'no tools were given' });
    return undefined;
  }
  const single = request.parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  switch (choice?.type) {
    case undefined:
      return request.parallelToolCalls === false ? { type: 'auto', ...single } : undefined;
    case 'auto':
      return { type: 'auto', ...single };
    case 'required':
      return { type: 'any', ...single };
    case 'tool':
      return { type: 'tool', name: choice.name, ...single };
    case 'none':
      return { type: 'none' };
  }
}

/** @see https://docs.anthropic.com/en/docs/build-with-claude/structured-outputs */
function addResponseFormat(body: AnthropicMessagesRequestBody, request: CanonicalRequest, warnings: ConversionWarning[]): void {
  const format = request.responseFormat;
  if (format === undefined || format.type === 'text') return;
  if (format.type === 'json-object') {
    warnings.push({ type: 'unsupported', feature: 'response_format', detail: 'json_object has no Anthropic equivalent; dropped' });
    return;
  }
  if (format.description !== undefined) warnings.push({ type: 'dropped', feature: 'response_format.json_schema.description' });
  body.output_config = { ...body.output_config, format: { type: 'json_schema', schema: { ...format.schema } } };
}
