import type { CanonicalReasoning, CanonicalRequest, CanonicalResponseFormat, CanonicalTool, CanonicalToolChoice } from '../../canonical/canonical-request.ts';
import type { ConversionWarning, Converted } from '../../canonical/conversion-warning.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { convertOpenAIChatMessagesToCanonical } from './convert-openai-chat-messages-to-canonical.ts';
import type { OpenAIChatRequestDetail } from './openai-chat-request-detail-schema.ts';
import type { OpenAIChatRequest } from './openai-chat-wire-schema.ts';
import { parseOpenAIChatRequestDetail } from './parse-openai-chat-request-detail.ts';

type Mutable<Value> = { -readonly [Key in keyof Value]: Value[Key] };

/**
 * Parameters with no canonical equivalent that are dropped with a warning: each only tunes sampling or
 * adds side data, so the answer keeps its meaning. (`n > 1` is a 400 instead: the client would wait
 * for several choices.)
 */
const droppedParameters = [
  'logit_bias',
  'logprobs',
  'top_logprobs',
  'seed',
  'frequency_penalty',
  'presence_penalty',
  'audio',
  'modalities',
  'prediction',
  'metadata',
  'store',
  'service_tier',
  'prompt_cache_key',
  'prompt_cache_retention',
  'verbosity',
] as const;

/**
 * A Chat Completions request -> canonical, for a provider that speaks another protocol. Takes the body
 * the ingress schema accepted and reads the rest through `openaiChatRequestDetailSchema` (a 400 naming
 * the field when something it reads is malformed).
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export function convertOpenAIChatRequestToCanonical(body: OpenAIChatRequest): Converted<CanonicalRequest> {
  const request = parseOpenAIChatRequestDetail(body);
  rejectUntranslatable(request);
  const conversation = convertOpenAIChatMessagesToCanonical(request.messages);
  const warnings: ConversionWarning[] = [...conversation.warnings];

  const canonical: Mutable<CanonicalRequest> = {
    model: request.model,
    system: conversation.value.system,
    messages: conversation.value.messages,
    tools: (request.tools ?? []).map(convertTool),
    stream: request.stream === true,
  };
  if (request.tool_choice != null) canonical.toolChoice = convertToolChoice(request.tool_choice);
  if (request.parallel_tool_calls != null) canonical.parallelToolCalls = request.parallel_tool_calls;
  const maxOutputTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxOutputTokens != null) canonical.maxOutputTokens = maxOutputTokens;
  if (request.max_completion_tokens != null && request.max_tokens != null && request.max_tokens !== request.max_completion_tokens) {
    warnings.push({ type: 'dropped', feature: 'max_tokens', detail: 'max_completion_tokens takes precedence' });
  }
  if (request.temperature != null) canonical.temperature = request.temperature;
  if (request.top_p != null) canonical.topP = request.top_p;
  if (request.stop != null) canonical.stopSequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  if (request.stream_options?.include_usage === true) canonical.streamUsage = true;
  if (request.reasoning_effort != null) canonical.reasoning = convertReasoningEffort(request.reasoning_effort);
  if (request.response_format != null) canonical.responseFormat = convertResponseFormat(request.response_format);
  const userId = request.safety_identifier ?? request.user;
  if (userId != null) canonical.userId = userId;
  if (request.safety_identifier != null && request.user != null && request.user !== request.safety_identifier) {
    warnings.push({ type: 'dropped', feature: 'user', detail: 'safety_identifier takes precedence' });
  }

  for (const parameter of droppedParameters) {
    if (isMeaningful(parameter, body[parameter])) warnings.push({ type: 'unsupported', feature: parameter });
  }
  return { value: canonical, warnings };
}

function rejectUntranslatable(request: OpenAIChatRequestDetail): void {
  const reject = (param: string, message: string): never => {
    throw new GatewayError('GW_ERR_INVALID_REQUEST', { message, param });
  };
  if (request.n != null && request.n > 1) reject('n', "'n' greater than 1 (several choices) cannot be translated for this model's provider.");
  if (request.functions != null) reject('functions', "The deprecated 'functions' cannot be translated for this model; send 'tools' instead.");
  if (request.function_call != null) reject('function_call', "The deprecated 'function_call' cannot be translated for this model; send 'tool_choice' instead.");
  if (request.web_search_options != null)
    reject('web_search_options', "'web_search_options' (built-in web search) cannot be translated for this model's provider.");
  (request.tools ?? []).forEach((tool, index) => {
    if (tool.type !== 'function') reject(`tools[${index}].type`, 'Custom tools cannot be translated for this model; only function tools can.');
  });
  const choice = request.tool_choice;
  if (typeof choice === 'object' && choice !== null && choice.type !== 'function') {
    reject('tool_choice.type', `A tool_choice of type '${choice.type}' cannot be translated for this model's provider.`);
  }
}

/** Whether a dropped parameter was set to something other than its default (null, false, [], `modalities: ["text"]`). */
function isMeaningful(parameter: (typeof droppedParameters)[number], value: unknown): boolean {
  if (value == null || value === false) return false;
  if (parameter === 'modalities') return !(Array.isArray(value) && value.every((modality) => modality === 'text'));
  if ((parameter === 'frequency_penalty' || parameter === 'presence_penalty') && value === 0) return false;
  if (parameter === 'service_tier' && value === 'auto') return false;
  if (parameter === 'metadata' && typeof value === 'object' && Object.keys(value).length === 0) return false;
  return true;
}

function convertTool(tool: NonNullable<OpenAIChatRequestDetail['tools']>[number]): CanonicalTool {
  // Custom tools were rejected above.
  if (tool.type !== 'function') throw new GatewayError('GW_ERR_INVALID_REQUEST', { param: 'tools' });
  const { name, description, parameters, strict } = tool.function;
  // A function without `parameters` takes no arguments; canonical tools always carry a schema.
  const converted: Mutable<CanonicalTool> = { name, inputSchema: parameters ?? { type: 'object', properties: {} } };
  if (description != null) converted.description = description;
  if (strict != null) converted.strict = strict;
  return converted;
}

/** @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-tool_choice */
function convertToolChoice(choice: NonNullable<OpenAIChatRequestDetail['tool_choice']>): CanonicalToolChoice {
  if (typeof choice === 'string') return { type: choice };
  if (choice.type === 'function') return { type: 'tool', name: choice.function.name };
  throw new GatewayError('GW_ERR_INVALID_REQUEST', { param: 'tool_choice.type' });
}

function convertReasoningEffort(effort: NonNullable<OpenAIChatRequestDetail['reasoning_effort']>): CanonicalReasoning {
  return { enabled: effort !== 'none', effort };
}

/** @see https://platform.openai.com/docs/guides/structured-outputs */
function convertResponseFormat(format: NonNullable<OpenAIChatRequestDetail['response_format']>): CanonicalResponseFormat {
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json-object' };
    case 'json_schema': {
      const { name, description, schema, strict } = format.json_schema;
      const converted: Mutable<Extract<CanonicalResponseFormat, { type: 'json-schema' }>> = { type: 'json-schema', name, schema: schema ?? {} };
      if (description != null) converted.description = description;
      if (strict != null) converted.strict = strict;
      return converted;
    }
  }
}
