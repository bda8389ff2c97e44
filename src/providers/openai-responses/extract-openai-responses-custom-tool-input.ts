import { parseOpenAIResponsesJson } from './parse-openai-responses-json.ts';

/**
 * The raw text of a call to a custom (freeform) tool, which other providers made as a function call with
 * arguments `{"input": "…"}` (convert-openai-responses-tools-to-canonical.ts). Arguments that are not
 * such an object are passed on as they are: the client's tool reports what it cannot parse.
 */
export function extractOpenAIResponsesCustomToolInput(toolArguments: string): string {
  const parsed = parseOpenAIResponsesJson(toolArguments);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return toolArguments;
  const input: unknown = (parsed.value as { readonly input?: unknown }).input;
  return typeof input === 'string' ? input : toolArguments;
}
