import type { CanonicalReasoning, CanonicalRequest, CanonicalResponseFormat, CanonicalToolChoice, ReasoningEffort } from '../../canonical/canonical-request.ts';
import type { ConversionWarning, Converted } from '../../canonical/conversion-warning.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { collectOpenAIResponsesTools } from './collect-openai-responses-tools.ts';
import { convertOpenAIResponsesInputToCanonical } from './convert-openai-responses-input-to-canonical.ts';
import { convertOpenAIResponsesToolsToCanonical } from './convert-openai-responses-tools-to-canonical.ts';
import type { OpenAIResponsesRequest } from './openai-responses-wire-schema.ts';

type Mutable<Value> = { -readonly [Key in keyof Value]: Value[Key] };

const reasoningEfforts: readonly string[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'] satisfies ReasoningEffort[];
const reasoningSummaries: readonly string[] = ['auto', 'concise', 'detailed'] satisfies NonNullable<CanonicalReasoning['summary']>[];

/**
 * Parameters with no canonical equivalent, dropped with a warning when set to something other than their
 * default: each only tunes sampling, caching or bookkeeping, so the answer keeps its meaning.
 */
const droppedParameters = [
  'top_logprobs',
  'truncation',
  'max_tool_calls',
  'service_tier',
  'metadata',
  'client_metadata',
  'prompt_cache_key',
  'prompt_cache_retention',
] as const;

/**
 * A Responses request -> canonical, for a provider that speaks another protocol. Takes the body the
 * ingress schema accepted; input items and tools are checked one by one (a 400 naming the field).
 * Server-side state cannot be honoured by a translating gateway: `previous_response_id`, `conversation`,
 * `prompt` (a stored prompt) and `background` are a 400; `store: true` is dropped with a warning.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
export function convertOpenAIResponsesRequestToCanonical(body: OpenAIResponsesRequest): Converted<CanonicalRequest> {
  rejectStateful(body);
  if (body.input === undefined) throw new GatewayError('GW_ERR_INVALID_REQUEST', { message: "'input' is required for this model's provider.", param: 'input' });
  const conversation = convertOpenAIResponsesInputToCanonical(body.input, body.instructions ?? undefined);
  const tools = convertOpenAIResponsesToolsToCanonical(collectOpenAIResponsesTools(body));
  const warnings: ConversionWarning[] = [...conversation.warnings, ...tools.warnings];

  const canonical: Mutable<CanonicalRequest> = {
    model: body.model,
    system: conversation.value.system,
    messages: conversation.value.messages,
    tools: tools.value.tools,
    stream: body.stream === true,
  };
  if (body.tool_choice != null) canonical.toolChoice = convertToolChoice(body.tool_choice);
  if (body.parallel_tool_calls != null) canonical.parallelToolCalls = body.parallel_tool_calls;
  if (body.max_output_tokens != null) canonical.maxOutputTokens = body.max_output_tokens;
  if (body.temperature != null) canonical.temperature = body.temperature;
  if (body.top_p != null) canonical.topP = body.top_p;
  if (body.reasoning != null) {
    const reasoning = convertReasoning(body.reasoning, warnings);
    if (reasoning !== undefined) canonical.reasoning = reasoning;
  }
  if (body.text?.format != null) canonical.responseFormat = convertTextFormat(body.text.format);
  if (body.text?.verbosity != null && body.text.verbosity !== 'medium') warnings.push({ type: 'unsupported', feature: 'text.verbosity' });
  const userId = body.safety_identifier ?? body.user;
  if (userId != null) canonical.userId = userId;
  if (body.safety_identifier != null && body.user != null && body.user !== body.safety_identifier) {
    warnings.push({ type: 'dropped', feature: 'user', detail: 'safety_identifier takes precedence' });
  }
  if (body.store === true) warnings.push({ type: 'dropped', feature: 'store', detail: 'responses are not stored by a translating gateway' });
  for (const item of body.include ?? []) {
    // Encrypted reasoning is always returned when the provider gives opaque reasoning data.
    if (item !== 'reasoning.encrypted_content') warnings.push({ type: 'unsupported', feature: `include.${item}` });
  }
  for (const parameter of droppedParameters) {
    if (isMeaningful(parameter, body[parameter])) warnings.push({ type: 'unsupported', feature: parameter });
  }
  return { value: canonical, warnings };
}

function rejectStateful(body: OpenAIResponsesRequest): void {
  const reject = (param: string, message: string): never => {
    throw new GatewayError('GW_ERR_INVALID_REQUEST', { message, param });
  };
  const stateless =
    "this model's provider is reached through a translating gateway that keeps no server-side state; send the whole conversation in 'input' (with store: false)";
  if (body.previous_response_id != null) reject('previous_response_id', `'previous_response_id' is not supported: ${stateless}.`);
  if (body.conversation != null) reject('conversation', `'conversation' is not supported: ${stateless}.`);
  if (body.prompt != null) reject('prompt', "Stored prompts ('prompt') cannot be used with this model's provider; send the instructions in the request.");
  if (body.background === true) reject('background', "'background' mode is not supported for this model's provider.");
}

/** Whether a dropped parameter was set to something other than its default. */
function isMeaningful(parameter: (typeof droppedParameters)[number], value: unknown): boolean {
  if (value == null || value === false) return false;
  if (parameter === 'truncation' && value === 'disabled') return false;
  if (parameter === 'top_logprobs' && value === 0) return false;
  if (parameter === 'service_tier' && (value === 'auto' || value === 'default')) return false;
  if (typeof value === 'object' && Object.keys(value).length === 0) return false;
  return true;
}

/** @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tool_choice */
function convertToolChoice(choice: NonNullable<OpenAIResponsesRequest['tool_choice']>): CanonicalToolChoice {
  if (choice === 'auto' || choice === 'required' || choice === 'none') return { type: choice };
  if (typeof choice === 'object' && (choice.type === 'function' || choice.type === 'custom') && choice.name != null) return { type: 'tool', name: choice.name };
  const kind = typeof choice === 'string' ? choice : choice.type;
  throw new GatewayError('GW_ERR_INVALID_REQUEST', {
    message: `A tool_choice of '${kind}' cannot be translated for this model's provider.`,
    param: 'tool_choice',
  });
}

/**
 * `reasoning: {effort, summary}` -> canonical. `effort: "none"` switches reasoning off; a `summary` alone
 * keeps the model's default effort. `summary: "none"` (Codex) asks for no summary.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-reasoning
 */
function convertReasoning(reasoning: NonNullable<OpenAIResponsesRequest['reasoning']>, warnings: ConversionWarning[]): CanonicalReasoning | undefined {
  const summary = reasoning.summary ?? reasoning.generate_summary;
  if (reasoning.effort == null && (summary == null || summary === 'none')) return undefined;
  const converted: Mutable<CanonicalReasoning> = { enabled: reasoning.effort !== 'none' };
  if (reasoning.effort != null) {
    if (!reasoningEfforts.includes(reasoning.effort)) {
      throw new GatewayError('GW_ERR_INVALID_REQUEST', { message: `Unknown reasoning effort '${reasoning.effort}'.`, param: 'reasoning.effort' });
    }
    converted.effort = reasoning.effort as ReasoningEffort;
  }
  if (summary != null && summary !== 'none') {
    if (reasoningSummaries.includes(summary)) converted.summary = summary as NonNullable<CanonicalReasoning['summary']>;
    else warnings.push({ type: 'unsupported', feature: 'reasoning.summary', detail: summary });
  }
  return converted;
}

/** `text.format` (flattened json_schema) -> canonical. @see https://platform.openai.com/docs/guides/structured-outputs */
function convertTextFormat(format: NonNullable<NonNullable<OpenAIResponsesRequest['text']>['format']>): CanonicalResponseFormat {
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json-object' };
    case 'json_schema': {
      if (format.schema == null)
        throw new GatewayError('GW_ERR_INVALID_REQUEST', { message: "'text.format.schema' is required.", param: 'text.format.schema' });
      const converted: Mutable<Extract<CanonicalResponseFormat, { type: 'json-schema' }>> = { type: 'json-schema', schema: format.schema };
      if (format.name != null) converted.name = format.name;
      if (format.description != null) converted.description = format.description;
      if (format.strict != null) converted.strict = format.strict;
      return converted;
    }
    default:
      throw new GatewayError('GW_ERR_INVALID_REQUEST', { message: `A text.format of type '${format.type}' cannot be translated.`, param: 'text.format.type' });
  }
}
