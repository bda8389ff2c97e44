import { z } from 'zod';

const functionTool = z.looseObject({
  type: z.literal('function'),
  name: z.string().min(1),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});

/** A freeform tool (Codex's `apply_patch`): the model writes raw text, optionally constrained by a grammar. */
const customTool = z.looseObject({
  type: z.literal('custom'),
  name: z.string().min(1),
  description: z.string().nullish(),
  format: z.looseObject({ type: z.string(), syntax: z.string().nullish(), definition: z.string().nullish() }).nullish(),
});

/**
 * The tools the translator can carry: flat function tools, custom (freeform) tools and namespaces of them.
 * Hosted tools (`web_search`, `tool_search`, `file_search`, …) are recognised by `type` and dropped before
 * this schema is applied.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tools
 */
export const openaiResponsesToolSchema = z.discriminatedUnion('type', [
  functionTool,
  customTool,
  z.looseObject({
    type: z.literal('namespace'),
    name: z.string().min(1),
    description: z.string().nullish(),
    tools: z.array(z.looseObject({ type: z.string() })),
  }),
]);

/** A tool inside a namespace: a function or a custom tool. */
export const openaiResponsesNamespaceMemberSchema = z.discriminatedUnion('type', [functionTool, customTool]);

export type OpenAIResponsesTool = z.output<typeof openaiResponsesToolSchema>;
export type OpenAIResponsesNamespaceMember = z.output<typeof openaiResponsesNamespaceMemberSchema>;
