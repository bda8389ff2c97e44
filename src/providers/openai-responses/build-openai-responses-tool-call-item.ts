import type { ToolCallPart } from '../../canonical/canonical-content.ts';
import type { OpenAIResponsesToolOrigins } from './convert-openai-responses-tools-to-canonical.ts';
import { extractOpenAIResponsesCustomToolInput } from './extract-openai-responses-custom-tool-input.ts';
import type {
  OpenAIResponsesCustomToolCallItemBody,
  OpenAIResponsesFunctionCallItemBody,
  OpenAIResponsesIdSource,
  OpenAIResponsesItemStatus,
} from './openai-responses-output-types.ts';

/**
 * A canonical tool call -> the output item the client's tool expects: a `custom_tool_call` with the raw
 * `input` text for a custom tool, a `function_call` (with its `namespace` when the tool came from one)
 * otherwise. `call_id` is the canonical tool-call id, unchanged; the item id is minted.
 */
export function buildOpenAIResponsesToolCallItem(
  call: Pick<ToolCallPart, 'id' | 'name' | 'arguments'>,
  status: OpenAIResponsesItemStatus,
  idSource: OpenAIResponsesIdSource,
  origins: OpenAIResponsesToolOrigins | undefined,
): OpenAIResponsesFunctionCallItemBody | OpenAIResponsesCustomToolCallItemBody {
  const origin = origins?.get(call.name);
  if (origin?.kind === 'custom') {
    const item: OpenAIResponsesCustomToolCallItemBody = {
      id: idSource('ctc'),
      type: 'custom_tool_call',
      status,
      call_id: call.id,
      name: origin.name,
      input: extractOpenAIResponsesCustomToolInput(call.arguments),
    };
    if (origin.namespace !== undefined) item.namespace = origin.namespace;
    return item;
  }
  const item: OpenAIResponsesFunctionCallItemBody = {
    id: idSource('fc'),
    type: 'function_call',
    status,
    arguments: call.arguments,
    call_id: call.id,
    name: origin?.name ?? call.name,
  };
  if (origin?.namespace !== undefined) item.namespace = origin.namespace;
  return item;
}
