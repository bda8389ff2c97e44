import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import type { SdkRequest } from './build-sdk-request.ts';
import type { SdkResult } from './send-with-sdk.ts';

/** The tool's answer for one call, as the client's code would produce it. */
export type ToolRunner = (call: { readonly id: string; readonly name: string }) => string;

export interface NextTurn {
  /** Answers each tool call of the assistant's turn; without it the turn must have none. */
  readonly runTool?: ToolRunner;
  /** A further user question after the results. */
  readonly followUp?: string;
}

const noTools: ToolRunner = (call) => {
  throw new Error(`unexpected tool call ${call.name} (${call.id})`);
};

/**
 * The next turn of a tool loop, written as a client of that protocol writes it: the first request's
 * conversation, then the assistant's answer as it came back (Chat: the assistant message with `tool_calls`;
 * Responses: the output items sent back verbatim, as Codex does; Anthropic: the content blocks), then one
 * result per tool call (Chat `role: tool` messages, Responses `function_call_output` items, Anthropic one
 * user message of `tool_result` blocks), then the follow-up question if any. Reasoning items and thinking
 * blocks go back as they came, as agents do.
 */
export function buildNextTurn(first: SdkRequest, answer: SdkResult, next: NextTurn): SdkRequest {
  const runTool = next.runTool ?? noTools;
  const followUp = next.followUp;
  if (first.protocol === 'openai-chat' && answer.protocol === 'openai-chat') {
    return { protocol: first.protocol, params: chatTurn(first.params, answer.value, runTool, followUp) };
  }
  if (first.protocol === 'openai-responses' && answer.protocol === 'openai-responses') {
    return { protocol: first.protocol, params: responsesTurn(first.params, answer.value, runTool, followUp) };
  }
  if (first.protocol === 'anthropic-messages' && answer.protocol === 'anthropic-messages') {
    return { protocol: first.protocol, params: anthropicTurn(first.params, answer.value, runTool, followUp) };
  }
  throw new Error(`request (${first.protocol}) and answer (${answer.protocol}) are of different protocols`);
}

function chatTurn(
  params: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming,
  completion: OpenAI.Chat.ChatCompletion,
  runTool: ToolRunner,
  followUp: string | undefined,
): OpenAI.Chat.ChatCompletionCreateParamsNonStreaming {
  const message = completion.choices[0]?.message;
  const toolCalls = (message?.tool_calls ?? []).flatMap((call) => (call.type === 'function' ? [call] : []));
  const assistant: OpenAI.Chat.ChatCompletionAssistantMessageParam = {
    role: 'assistant',
    content: message?.content ?? null,
    ...(toolCalls.length === 0
      ? {}
      : {
          tool_calls: toolCalls.map((call) => ({
            id: call.id,
            type: 'function' as const,
            function: { name: call.function.name, arguments: call.function.arguments },
          })),
        }),
  };
  const results: OpenAI.Chat.ChatCompletionToolMessageParam[] = toolCalls.map((call) => ({
    role: 'tool',
    tool_call_id: call.id,
    content: runTool({ id: call.id, name: call.function.name }),
  }));
  const question: OpenAI.Chat.ChatCompletionMessageParam[] = followUp === undefined ? [] : [{ role: 'user', content: followUp }];
  return { ...params, messages: [...params.messages, assistant, ...results, ...question] };
}

function responsesTurn(
  params: OpenAI.Responses.ResponseCreateParamsNonStreaming,
  response: OpenAI.Responses.Response,
  runTool: ToolRunner,
  followUp: string | undefined,
): OpenAI.Responses.ResponseCreateParamsNonStreaming {
  const earlier: OpenAI.Responses.ResponseInputItem[] =
    typeof params.input === 'string' ? [{ role: 'user', content: params.input }] : [...(params.input ?? [])];
  const sentBack: OpenAI.Responses.ResponseInputItem[] = [];
  const outputs: OpenAI.Responses.ResponseInputItem[] = [];
  for (const item of response.output) {
    if (item.type === 'message' || item.type === 'reasoning') sentBack.push(item);
    else if (item.type === 'function_call') {
      sentBack.push(item);
      outputs.push({ type: 'function_call_output', call_id: item.call_id, output: runTool({ id: item.call_id, name: item.name }) });
    }
  }
  const question: OpenAI.Responses.ResponseInputItem[] = followUp === undefined ? [] : [{ role: 'user', content: followUp }];
  return { ...params, input: [...earlier, ...sentBack, ...outputs, ...question] };
}

function anthropicTurn(
  params: Anthropic.MessageCreateParamsNonStreaming,
  message: Anthropic.Message,
  runTool: ToolRunner,
  followUp: string | undefined,
): Anthropic.MessageCreateParamsNonStreaming {
  const content: Anthropic.ContentBlockParam[] = [];
  const results: Anthropic.ContentBlockParam[] = [];
  for (const block of message.content) {
    if (block.type === 'text') content.push({ type: 'text', text: block.text });
    else if (block.type === 'thinking') content.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
    else if (block.type === 'redacted_thinking') content.push({ type: 'redacted_thinking', data: block.data });
    else if (block.type === 'tool_use') {
      content.push({ type: 'tool_use', id: block.id, name: block.name, input: block.input });
      results.push({ type: 'tool_result', tool_use_id: block.id, content: runTool({ id: block.id, name: block.name }) });
    }
  }
  // The tool_result blocks first, then the question, in one user message (protocol-mapping.md §2.2).
  const user: Anthropic.ContentBlockParam[] = [...results, ...(followUp === undefined ? [] : [{ type: 'text' as const, text: followUp }])];
  return {
    ...params,
    messages: [...params.messages, { role: 'assistant', content }, ...(user.length === 0 ? [] : [{ role: 'user' as const, content: user }])],
  };
}
