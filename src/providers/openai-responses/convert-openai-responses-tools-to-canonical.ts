import type { CanonicalTool } from '../../canonical/canonical-request.ts';
import type { ConversionWarning, Converted } from '../../canonical/conversion-warning.ts';
import { addOpenAIResponsesWarning } from './add-openai-responses-warning.ts';
import { flattenOpenAIResponsesToolName } from './flatten-openai-responses-tool-name.ts';
import { type OpenAIResponsesNamespaceMember, openaiResponsesNamespaceMemberSchema, openaiResponsesToolSchema } from './openai-responses-tool-schema.ts';
import { parseOpenAIResponsesField } from './parse-openai-responses-field.ts';

type Mutable<Value> = { -readonly [Key in keyof Value]: Value[Key] };

/** Where a canonical tool came from, for the tools that do not come back as a plain `function_call`. */
export interface OpenAIResponsesToolOrigin {
  /** `custom`: calls go back to the client as `custom_tool_call` items with the raw `input` text. */
  readonly kind: 'function' | 'custom';
  /** The tool's own name (inside its namespace). */
  readonly name: string;
  readonly namespace?: string;
}

/** Canonical tool name -> origin; plain function tools are not listed. */
export type OpenAIResponsesToolOrigins = ReadonlyMap<string, OpenAIResponsesToolOrigin>;

export interface CanonicalToolsFromOpenAIResponses {
  readonly tools: CanonicalTool[];
  readonly origins: OpenAIResponsesToolOrigins;
}

/**
 * Responses `tools` -> canonical tools. Function tools map one to one (`strict` kept only when given: an
 * omitted `strict` means "strict when the schema allows", which no other protocol can say). Custom tools
 * (Codex's `apply_patch`, a lark grammar) become a function with one string parameter `input` whose
 * description carries the grammar, the same shape as Codex's own JSON variant of apply_patch; their calls
 * are turned back into `custom_tool_call` items for the client. Namespaces are flattened
 * (flatten-openai-responses-tool-name.ts). Hosted tools (`web_search`, `tool_search`, `file_search`,
 * `image_generation`, `local_shell`, `mcp`, …) cannot run on another provider and are dropped with a
 * warning: Codex always sends some of them, so rejecting would make it unusable.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tools
 */
export function convertOpenAIResponsesToolsToCanonical(
  tools: readonly { readonly type?: string | null | undefined; readonly [field: string]: unknown }[] | null | undefined,
): Converted<CanonicalToolsFromOpenAIResponses> {
  const warnings: ConversionWarning[] = [];
  const converted: CanonicalTool[] = [];
  const origins = new Map<string, OpenAIResponsesToolOrigin>();

  const add = (tool: CanonicalTool, origin: OpenAIResponsesToolOrigin | undefined): void => {
    if (converted.some((existing) => existing.name === tool.name)) {
      warnings.push({ type: 'dropped', feature: 'tools', detail: `a second tool named "${tool.name}"` });
      return;
    }
    converted.push(tool);
    if (origin !== undefined) origins.set(tool.name, origin);
  };

  (tools ?? []).forEach((rawTool, index) => {
    const type = rawTool.type ?? '';
    if (type !== 'function' && type !== 'custom' && type !== 'namespace') {
      addOpenAIResponsesWarning(warnings, { type: 'dropped', feature: `tools.${type}`, detail: 'hosted tools cannot run on this provider' });
      return;
    }
    const tool = parseOpenAIResponsesField(openaiResponsesToolSchema, rawTool, `tools[${index}]`);
    if (tool.type !== 'namespace') {
      add(convertMember(tool, tool.name, undefined), tool.type === 'custom' ? { kind: 'custom', name: tool.name } : undefined);
      return;
    }
    tool.tools.forEach((rawMember, memberIndex) => {
      if (rawMember.type !== 'function' && rawMember.type !== 'custom') {
        addOpenAIResponsesWarning(warnings, { type: 'dropped', feature: `tools.namespace.${rawMember.type}` });
        return;
      }
      const member = parseOpenAIResponsesField(openaiResponsesNamespaceMemberSchema, rawMember, `tools[${index}].tools[${memberIndex}]`);
      const name = flattenOpenAIResponsesToolName(tool.name, member.name);
      add(convertMember(member, name, tool.description ?? undefined), { kind: member.type, name: member.name, namespace: tool.name });
    });
  });
  return { value: { tools: converted, origins }, warnings };
}

function convertMember(tool: OpenAIResponsesNamespaceMember, name: string, namespaceDescription: string | undefined): CanonicalTool {
  const description = [namespaceDescription, tool.description].filter((text) => text != null && text !== '').join('\n\n');
  const converted: Mutable<CanonicalTool> =
    tool.type === 'function'
      ? { name, inputSchema: tool.parameters ?? { type: 'object', properties: {} } }
      : { name, inputSchema: customToolInputSchema(tool.format) };
  if (description !== '') converted.description = description;
  if (tool.type === 'function' && tool.strict != null) converted.strict = tool.strict;
  return converted;
}

/** One required string `input`; a grammar format is quoted in its description so the model can follow it. */
function customToolInputSchema(format: Extract<OpenAIResponsesNamespaceMember, { type: 'custom' }>['format']): Record<string, unknown> {
  let description = 'The raw input text for this tool (not JSON-encoded inside the string).';
  if (format?.type === 'grammar' && format.definition != null) {
    const syntax = format.syntax == null || format.syntax === '' ? '' : `${format.syntax} `;
    description += ` It must match this ${syntax}grammar:\n${format.definition}`;
  }
  return {
    type: 'object',
    properties: { input: { type: 'string', description } },
    required: ['input'],
    additionalProperties: false,
  };
}
