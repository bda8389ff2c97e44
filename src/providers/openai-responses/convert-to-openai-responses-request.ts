import type {
  CanonicalReasoning,
  CanonicalRequest,
  CanonicalResponseFormat,
  CanonicalTool,
  CanonicalToolChoice,
  ReasoningEffort,
} from '../../canonical/canonical-request.ts';
import type { ConversionWarning, Converted } from '../../canonical/conversion-warning.ts';
import { buildOpenAIJsonSchemaFormat } from '../openai-chat/build-openai-json-schema-format.ts';
import { selectOpenAIReasoningEffort } from '../openai-chat/select-openai-reasoning-effort.ts';
import { addOpenAIResponsesWarning } from './add-openai-responses-warning.ts';
import { convertToOpenAIResponsesInput, type OpenAIResponsesInputItemBody } from './convert-to-openai-responses-input.ts';

export interface OpenAIResponsesFunctionToolBody {
  type: 'function';
  name: string;
  description?: string;
  parameters: Readonly<Record<string, unknown>>;
  strict: boolean;
}

export type OpenAIResponsesToolChoiceBody = 'auto' | 'required' | 'none' | { type: 'function'; name: string };

export type OpenAIResponsesTextFormatBody =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; description?: string; schema: Readonly<Record<string, unknown>>; strict?: boolean };

/** The Responses request the gateway sends upstream. */
export interface OpenAIResponsesRequestBody {
  model: string;
  instructions?: string;
  input: OpenAIResponsesInputItemBody[];
  tools?: OpenAIResponsesFunctionToolBody[];
  tool_choice?: OpenAIResponsesToolChoiceBody;
  parallel_tool_calls?: boolean;
  max_output_tokens?: number;
  temperature?: number;
  top_p?: number;
  reasoning?: { effort?: ReasoningEffort; summary?: 'auto' | 'concise' | 'detailed' };
  include?: ['reasoning.encrypted_content'];
  text?: { format: OpenAIResponsesTextFormatBody };
  store: false;
  stream?: true;
  safety_identifier?: string;
}

/** ⚠ unverified: OpenAI's end-user id fields are documented as short stable ids (a 64-char hash in the guide). */
const maxSafetyIdentifierLength = 64;

/**
 * Canonical -> a Responses request, stateless: `store: false` always (the gateway never refers back to a
 * stored response), and with reasoning on, `include: ["reasoning.encrypted_content"]` so reasoning can
 * go back to the model on the next turn. Tools get an explicit `strict` (Responses defaults to strict
 * mode, the other protocols do not). Stop sequences cannot be expressed and are dropped with a warning.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
export function convertToOpenAIResponsesRequest(request: CanonicalRequest): Converted<OpenAIResponsesRequestBody> {
  const input = convertToOpenAIResponsesInput(request.messages);
  const warnings: ConversionWarning[] = [...input.warnings];
  const body: OpenAIResponsesRequestBody = { model: request.model, input: input.value, store: false };

  if (request.system.length > 0) {
    if (request.system.some((part) => part.cacheControl !== undefined)) {
      addOpenAIResponsesWarning(warnings, { type: 'dropped', feature: 'cache_control', detail: 'OpenAI caches prompts automatically' });
    }
    body.instructions = request.system.map((part) => part.text).join('\n\n');
  }
  if (request.tools.length > 0) body.tools = request.tools.map((tool) => convertTool(tool, warnings));
  if (request.toolChoice !== undefined) body.tool_choice = convertToolChoice(request.toolChoice);
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  if (request.maxOutputTokens !== undefined) body.max_output_tokens = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topK !== undefined) warnings.push({ type: 'unsupported', feature: 'top_k' });
  if (request.stopSequences !== undefined && request.stopSequences.length > 0) {
    warnings.push({ type: 'unsupported', feature: 'stop_sequences', detail: 'Responses has no stop parameter' });
  }
  if (request.reasoning !== undefined) {
    const reasoning = convertReasoning(request.reasoning, warnings);
    if (reasoning !== undefined) {
      body.reasoning = reasoning;
      if (reasoning.effort !== 'none') body.include = ['reasoning.encrypted_content'];
    }
  }
  if (request.responseFormat !== undefined) body.text = { format: convertResponseFormat(request.responseFormat, warnings) };
  if (request.stream) body.stream = true;
  if (request.userId !== undefined) {
    if (request.userId.length <= maxSafetyIdentifierLength) body.safety_identifier = request.userId;
    else warnings.push({ type: 'dropped', feature: 'user_id', detail: `longer than ${maxSafetyIdentifierLength} characters` });
  }
  return { value: body, warnings };
}

function convertTool(tool: CanonicalTool, warnings: ConversionWarning[]): OpenAIResponsesFunctionToolBody {
  if (tool.cacheControl !== undefined) {
    addOpenAIResponsesWarning(warnings, { type: 'dropped', feature: 'cache_control', detail: 'OpenAI caches prompts automatically' });
  }
  const converted: OpenAIResponsesFunctionToolBody = { type: 'function', name: tool.name, parameters: tool.inputSchema, strict: tool.strict ?? false };
  if (tool.description !== undefined) converted.description = tool.description;
  return converted;
}

/** @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tool_choice */
function convertToolChoice(choice: CanonicalToolChoice): OpenAIResponsesToolChoiceBody {
  switch (choice.type) {
    case 'auto':
    case 'required':
    case 'none':
      return choice.type;
    case 'tool':
      return { type: 'function', name: choice.name };
  }
}

/**
 * Canonical reasoning -> `reasoning: {effort, summary}`. An effort is sent as is; a budget alone is
 * bucketed (the Chat table: both OpenAI protocols share the effort names); `adaptive` or a bare "enabled"
 * leaves the model's default effort. "Disabled" without an effort is left out: `none` is not accepted by
 * every OpenAI reasoning model.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-reasoning
 */
function convertReasoning(reasoning: CanonicalReasoning, warnings: ConversionWarning[]): OpenAIResponsesRequestBody['reasoning'] {
  const selected = selectOpenAIReasoningEffort(reasoning, warnings, 'reasoning.effort');
  if (selected.off) return undefined;
  const converted: NonNullable<OpenAIResponsesRequestBody['reasoning']> = {};
  if (selected.effort !== undefined) converted.effort = selected.effort;
  if (reasoning.summary !== undefined) converted.summary = reasoning.summary;
  return converted;
}

/** @see https://platform.openai.com/docs/guides/structured-outputs */
function convertResponseFormat(format: CanonicalResponseFormat, warnings: ConversionWarning[]): OpenAIResponsesTextFormatBody {
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json-object':
      return { type: 'json_object' };
    case 'json-schema':
      return { type: 'json_schema', ...buildOpenAIJsonSchemaFormat(format, warnings) };
  }
}
