import { z } from 'zod';

const textPart = z.looseObject({ type: z.literal('text'), text: z.string() });

const imagePart = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.looseObject({ url: z.string(), detail: z.string().nullish() }),
});

const userPart = z.discriminatedUnion('type', [
  textPart,
  imagePart,
  z.looseObject({ type: z.literal('input_audio'), input_audio: z.unknown() }),
  /** @see https://platform.openai.com/docs/guides/pdf-files */
  z.looseObject({
    type: z.literal('file'),
    file: z.looseObject({ file_data: z.string().nullish(), file_id: z.string().nullish(), filename: z.string().nullish() }),
  }),
]);

const assistantPart = z.discriminatedUnion('type', [textPart, z.looseObject({ type: z.literal('refusal'), refusal: z.string() })]);

const toolCall = z.discriminatedUnion('type', [
  z.looseObject({
    id: z.string(),
    type: z.literal('function'),
    function: z.looseObject({ name: z.string(), arguments: z.string() }),
  }),
  z.looseObject({ id: z.string(), type: z.literal('custom'), custom: z.unknown() }),
]);

const instructionContent = z.union([z.string(), z.array(textPart)]);

const message = z.discriminatedUnion('role', [
  z.looseObject({ role: z.literal('system'), content: instructionContent, name: z.string().nullish() }),
  z.looseObject({ role: z.literal('developer'), content: instructionContent, name: z.string().nullish() }),
  z.looseObject({ role: z.literal('user'), content: z.union([z.string(), z.array(userPart)]), name: z.string().nullish() }),
  z.looseObject({
    role: z.literal('assistant'),
    content: z.union([z.string(), z.array(assistantPart)]).nullish(),
    refusal: z.string().nullish(),
    tool_calls: z.array(toolCall).nullish(),
    function_call: z.unknown().optional(),
    audio: z.unknown().optional(),
    name: z.string().nullish(),
    /** DeepSeek, vLLM, Qwen, Kimi: the visible reasoning of that turn. */
    reasoning_content: z.string().nullish(),
    /** OpenRouter's name for the same. */
    reasoning: z.unknown().optional(),
  }),
  z.looseObject({ role: z.literal('tool'), tool_call_id: z.string(), content: instructionContent }),
  z.looseObject({ role: z.literal('function'), name: z.string().nullish(), content: z.unknown().optional() }),
]);

const tool = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('function'),
    function: z.looseObject({
      name: z.string().min(1),
      description: z.string().nullish(),
      parameters: z.record(z.string(), z.unknown()).nullish(),
      strict: z.boolean().nullish(),
    }),
  }),
  z.looseObject({ type: z.literal('custom'), custom: z.unknown() }),
]);

const toolChoice = z.union([
  z.enum(['auto', 'required', 'none']),
  z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
  z.looseObject({ type: z.enum(['allowed_tools', 'custom']) }),
]);

const responseFormat = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    json_schema: z.looseObject({
      name: z.string(),
      description: z.string().nullish(),
      schema: z.record(z.string(), z.unknown()).nullish(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

/**
 * The Chat Completions request as the translators read it (when the provider speaks another protocol):
 * strict about the fields they read, lenient about everything else (unknown fields pass). The ingress
 * check stays `openaiChatRequestSchema`, which only looks at what routing needs; this one runs on top.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export const openaiChatRequestDetailSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(message).min(1),
  tools: z.array(tool).nullish(),
  tool_choice: toolChoice.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  max_tokens: z.number().int().positive().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).nullish(),
  response_format: responseFormat.nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  user: z.string().nullish(),
  safety_identifier: z.string().nullish(),
  n: z.number().int().positive().nullish(),
  functions: z.unknown().optional(),
  function_call: z.unknown().optional(),
  web_search_options: z.unknown().optional(),
});

export type OpenAIChatRequestDetail = z.output<typeof openaiChatRequestDetailSchema>;
export type OpenAIChatRequestMessage = OpenAIChatRequestDetail['messages'][number];
