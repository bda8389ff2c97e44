import type { OpenAIResponsesRequest } from './openai-responses-wire-schema.ts';

type ToolLike = { readonly type?: string | null | undefined; readonly [field: string]: unknown };

/**
 * Every tool a Responses request offers: `tools`, then those of `additional_tools` input items. Codex
 * (0.171, its default model `gpt-6.2-sol`) sends no `tools` at all but one `additional_tools` item
 * (`role: developer`) holding namespaces (`functions` with the `exec` custom tool, `clock`,
 * `collaboration`…); dropping the item would leave the model with no tools. The item is not in OpenAI's
 * published reference: its shape is the one Codex sends (test/fixtures/codex-additional-tools.request.json).
 */
export function collectOpenAIResponsesTools(request: Pick<OpenAIResponsesRequest, 'tools' | 'input'>): ToolLike[] {
  const tools: ToolLike[] = [...(request.tools ?? [])];
  if (!Array.isArray(request.input)) return tools;
  for (const item of request.input) {
    if (item.type !== 'additional_tools') continue;
    const extra = (item as { readonly tools?: unknown }).tools;
    if (Array.isArray(extra)) for (const tool of extra) if (typeof tool === 'object' && tool !== null) tools.push(tool as ToolLike);
  }
  return tools;
}
