import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import type { SdkRequest } from './build-sdk-request.ts';
import type { SdkResult } from './send-with-sdk.ts';

/** The tool's answer for one call, as the client's code would produce it. */
export type ToolRunner = (call: { readonly id: string; readonly name: string }) => string;

/**
 * The next turn of a tool loop, written as a client of that protocol writes it: the first request's
 * conversation, then the assistant's answer as it came back (Chat: the assistant message with `tool_calls`;
 * Responses: the output items sent back verbatim, as Codex does; Anthropic: the content blocks), then one
 * result per tool call (Chat `role: tool` messages, Responses `function_call_output` items, Anthropic one
 * user message of `tool_result` blocks).
 */
export function buildToolResultTurn(first: SdkRequest, answer: SdkResult, runTool: ToolRunner): SdkRequest {
  if (first.protocol === 'openai-chat' && answer.protocol === 'openai-chat')
    return { protocol: first.protocol, params: chatTurn(first.params, answer.value, runTool) };
  if (first.protocol === 'openai-responses' && answer.protocol === 'openai-responses') {
    return { protocol: first.protocol, params: responsesTurn(first.params, answer.value, runTool) };
  }
  if (first.protocol === 'anthropic-messages' && answer.protocol === 'anthropic-messages') {
    return { protocol: first.protocol, params: anthropicTurn(first.params, answer.value, runTool) };
  }
  throw new Error(`request (${first.protocol}) and answer (${answer.protocol}) are of different protocols`);
}

function chatTurn(
  params: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming,
  completion: OpenAI.Chat.ChatCompletion,
  runTool: ToolRunner,
): OpenAI.Chat.ChatCompletionCreateParamsNonStreaming {
  const message = completion.choices[0]?.message;
  const toolCalls = (message?.tool_calls ?? []).flatMap((call) => (call.type === 'function' ? [call] : []));
  const assistant: OpenAI.Chat.ChatCompletionAssistantMessageParam = {
    role: 'assistant',
    content: message?.content ?? null,
    tool_calls: toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.function.name, arguments: call.function.arguments } })),
  };
  const results: OpenAI.Chat.ChatCompletionToolMessageParam[] = toolCalls.map((call) => ({
    role: 'tool',
    tool_call_id: call.id,
    content: runTool({ id: call.id, name: call.function.name }),
  }));
  return { ...params, messages: [...params.messages, assistant, ...results] };
}

function responsesTurn(
  params: OpenAI.Responses.ResponseCreateParamsNonStreaming,
  response: OpenAI.Responses.Response,
  runTool: ToolRunner,
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
  return { ...params, input: [...earlier, ...sentBack, ...outputs] };
}

function anthropicTurn(
  params: Anthropic.MessageCreateParamsNonStreaming,
  message: Anthropic.Message,
  runTool: ToolRunner,
): Anthropic.MessageCreateParamsNonStreaming {
  const content: Anthropic.ContentBlockParam[] = [];
  const results: Anthropic.ToolResultBlockParam[] = [];
  for (const block of message.content) {
    if (block.type === 'text') content.push({ type: 'text', text: block.text });
    else if (block.type === 'thinking') content.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
    else if (block.type === 'redacted_thinking') content.push({ type: 'redacted_thinking', data: block.data });
    else if (block.type === 'tool_use') {
      content.push({ type: 'tool_use', id: block.id, name: block.name, input: block.input });
      results.push({ type: 'tool_result', tool_use_id: block.id, content: runTool({ id: block.id, name: block.name }) });
    }
  }
  return { ...params, messages: [...params.messages, { role: 'assistant', content }, { role: 'user', content: results }] };
}
