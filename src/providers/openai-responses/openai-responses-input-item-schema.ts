import { z } from 'zod';

const inputText = z.looseObject({ type: z.literal('input_text'), text: z.string() });
const outputText = z.looseObject({ type: z.literal('output_text'), text: z.string() });
const refusal = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });
const inputImage = z.looseObject({
  type: z.literal('input_image'),
  image_url: z.string().nullish(),
  file_id: z.string().nullish(),
  detail: z.string().nullish(),
});
/** @see https://platform.openai.com/docs/guides/pdf-files */
const inputFile = z.looseObject({
  type: z.literal('input_file'),
  file_data: z.string().nullish(),
  file_url: z.string().nullish(),
  file_id: z.string().nullish(),
  filename: z.string().nullish(),
  detail: z.string().nullish(),
});
const inputAudio = z.looseObject({ type: z.literal('input_audio') });

/** Any content part a message may carry; which ones a role accepts is decided by the converter. */
const contentPart = z.discriminatedUnion('type', [inputText, outputText, refusal, inputImage, inputFile, inputAudio]);

/** `function_call_output.output` / `custom_tool_call_output.output`: a string, or input parts. */
const toolOutput = z.union([z.string(), z.array(z.discriminatedUnion('type', [inputText, inputImage, inputFile]))]);

/**
 * The input items the translator reads, by `type` (a message may leave `type` out; the converter fills in
 * `message` before parsing). Strict about the fields read, lenient about the rest (`id`, `status`, …).
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 */
export const openaiResponsesInputItemSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('message'),
    role: z.enum(['user', 'assistant', 'system', 'developer']),
    content: z.union([z.string(), z.array(contentPart)]),
  }),
  z.looseObject({
    type: z.literal('function_call'),
    call_id: z.string().min(1),
    name: z.string().min(1),
    arguments: z.string(),
    namespace: z.string().nullish(),
  }),
  z.looseObject({ type: z.literal('function_call_output'), call_id: z.string().min(1), output: toolOutput }),
  z.looseObject({
    type: z.literal('custom_tool_call'),
    call_id: z.string().min(1),
    name: z.string().min(1),
    input: z.string(),
    namespace: z.string().nullish(),
  }),
  z.looseObject({ type: z.literal('custom_tool_call_output'), call_id: z.string().min(1), output: toolOutput }),
  z.looseObject({
    type: z.literal('reasoning'),
    id: z.string().nullish(),
    summary: z.array(z.looseObject({ type: z.string(), text: z.string() })).nullish(),
    content: z.array(z.looseObject({ type: z.string(), text: z.string() })).nullish(),
    encrypted_content: z.string().nullish(),
  }),
]);

export type OpenAIResponsesInputItem = z.output<typeof openaiResponsesInputItemSchema>;
export type OpenAIResponsesInputFile = z.output<typeof inputFile>;

export const openaiResponsesInputItemTypes: ReadonlySet<string> = new Set(openaiResponsesInputItemSchema.options.map((option) => option.shape.type.value));
