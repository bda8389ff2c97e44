import type {
  CanonicalReasoning,
  CanonicalRequest,
  CanonicalResponseFormat,
  CanonicalTool,
  CanonicalToolChoice,
  ReasoningEffort,
} from '../../canonical/canonical-request.ts';
import type { ConversionWarning, Converted } from '../../canonical/conversion-warning.ts';
import { addOpenAIChatWarning } from './add-openai-chat-warning.ts';
import { buildOpenAIJsonSchemaFormat } from './build-openai-json-schema-format.ts';
import { type ConvertToOpenAIChatMessagesOptions, convertToOpenAIChatMessages, type OpenAIChatMessageBody } from './convert-to-openai-chat-messages.ts';
import { selectOpenAIReasoningEffort } from './select-openai-reasoning-effort.ts';

export interface OpenAIChatToolBody {
  type: 'function';
  function: { name: string; description?: string; parameters: Readonly<Record<string, unknown>>; strict?: boolean };
}

export type OpenAIChatToolChoiceBody = 'auto' | 'required' | 'none' | { type: 'function'; function: { name: string } };

export type OpenAIChatResponseFormatBody =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      json_schema: { name: string; description?: string; schema: Readonly<Record<string, unknown>>; strict?: boolean };
    };

/** The Chat Completions request the gateway sends upstream. */
export interface OpenAIChatRequestBody {
  model: string;
  messages: OpenAIChatMessageBody[];
  tools?: OpenAIChatToolBody[];
  tool_choice?: OpenAIChatToolChoiceBody;
  parallel_tool_calls?: boolean;
  max_completion_tokens?: number;
  temperature?: number;
  top_p?: number;
  stop?: string[];
  reasoning_effort?: Exclude<ReasoningEffort, 'max'>;
  response_format?: OpenAIChatResponseFormatBody;
  stream?: boolean;
  stream_options?: { include_usage: true };
  safety_identifier?: string;
}

export type ConvertToOpenAIChatRequestOptions = ConvertToOpenAIChatMessagesOptions;

/** OpenAI accepts at most 4 stop sequences. @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-stop */
const maxStopSequences = 4;
/** ⚠ unverified: OpenAI's end-user id fields are documented as short stable ids (a 64-char hash in the guide). */
const maxSafetyIdentifierLength = 64;

/**
 * Canonical -> a Chat Completions request. When streaming it always asks for usage
 * (`stream_options.include_usage`): the gateway needs it for accounting; the stream encoder hides the
 * usage chunk from a client that did not ask.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export function convertToOpenAIChatRequest(request: CanonicalRequest, options: ConvertToOpenAIChatRequestOptions = {}): Converted<OpenAIChatRequestBody> {
  const messages = convertToOpenAIChatMessages(request.system, request.messages, options);
  const warnings: ConversionWarning[] = [...messages.warnings];
  const body: OpenAIChatRequestBody = { model: request.model, messages: messages.value };

  if (request.tools.length > 0) body.tools = request.tools.map((tool) => convertTool(tool, warnings));
  if (request.toolChoice !== undefined) body.tool_choice = convertToolChoice(request.toolChoice);
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  if (request.maxOutputTokens !== undefined) body.max_completion_tokens = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topK !== undefined) warnings.push({ type: 'unsupported', feature: 'top_k' });
  if (request.stopSequences !== undefined && request.stopSequences.length > 0) {
    body.stop = request.stopSequences.slice(0, maxStopSequences);
    if (request.stopSequences.length > maxStopSequences) {
      warnings.push({ type: 'adjusted', feature: 'stop_sequences', detail: `only the first ${maxStopSequences} are sent` });
    }
  }
  if (request.reasoning !== undefined) {
    const effort = convertReasoning(request.reasoning, warnings);
    if (effort !== undefined) body.reasoning_effort = effort;
  }
  if (request.responseFormat !== undefined) body.response_format = convertResponseFormat(request.responseFormat, warnings);
  if (request.stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  if (request.userId !== undefined) {
    if (request.userId.length <= maxSafetyIdentifierLength) body.safety_identifier = request.userId;
    else warnings.push({ type: 'dropped', feature: 'user_id', detail: `longer than ${maxSafetyIdentifierLength} characters` });
  }
  return { value: body, warnings };
}

function convertTool(tool: CanonicalTool, warnings: ConversionWarning[]): OpenAIChatToolBody {
  if (tool.cacheControl !== undefined) {
    addOpenAIChatWarning(warnings, { type: 'dropped', feature: 'cache_control', detail: 'OpenAI caches prompts automatically' });
  }
  const converted: OpenAIChatToolBody = { type: 'function', function: { name: tool.name, parameters: tool.inputSchema } };
  if (tool.description !== undefined) converted.function.description = tool.description;
  if (tool.strict !== undefined) converted.function.strict = tool.strict;
  return converted;
}

/** @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-tool_choice */
function convertToolChoice(choice: CanonicalToolChoice): OpenAIChatToolChoiceBody {
  switch (choice.type) {
    case 'auto':
    case 'required':
    case 'none':
      return choice.type;
    case 'tool':
      return { type: 'function', function: { name: choice.name } };
  }
}

/**
 * Canonical reasoning -> `reasoning_effort`. An effort is sent as is (`max` has no OpenAI value: `xhigh`);
 * a budget alone is bucketed (src/canonical/reasoning-effort-budgets.ts); `adaptive` or a bare
 * "enabled" leaves the model's default. "Disabled" without an effort is left out: `none` is not
 * accepted by every OpenAI reasoning model.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-reasoning_effort
 */
function convertReasoning(reasoning: CanonicalReasoning, warnings: ConversionWarning[]): Exclude<ReasoningEffort, 'max'> | undefined {
  if (reasoning.summary !== undefined) warnings.push({ type: 'unsupported', feature: 'reasoning.summary' });
  if (reasoning.effort === 'max') {
    warnings.push({ type: 'adjusted', feature: 'effort', detail: '"max" sent as "xhigh"' });
    return 'xhigh';
  }
  const selected = selectOpenAIReasoningEffort(reasoning, warnings, 'reasoning_effort');
  return selected.off ? undefined : (selected.effort as Exclude<ReasoningEffort, 'max'> | undefined);
}

/** @see https://platform.openai.com/docs/guides/structured-outputs */
function convertResponseFormat(format: CanonicalResponseFormat, warnings: ConversionWarning[]): OpenAIChatResponseFormatBody {
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json-object':
      return { type: 'json_object' };
    case 'json-schema':
      return { type: 'json_schema', json_schema: buildOpenAIJsonSchemaFormat(format, warnings) };
  }
}
