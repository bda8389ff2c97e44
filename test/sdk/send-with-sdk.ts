import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import type { SdkRequest } from './build-sdk-request.ts';
import type { SdkClients } from './create-sdk-clients.ts';

/**
 * What the stream helper announced on the way, from its own events: the text deltas (Chat `content.delta`,
 * Responses `response.output_text.delta`, Anthropic `text`), each tool call once complete (Chat
 * `tool_calls.function.arguments.done`, Responses `response.output_item.done`, Anthropic `contentBlock`), and
 * for Responses every event's `sequence_number`.
 */
export interface StreamedEvents {
  text: string;
  readonly toolCalls: { readonly name: string; readonly arguments: unknown }[];
  readonly sequenceNumbers: number[];
}

/** What the SDK handed back: the non-stream result, or the stream helper's final object and what it announced. */
export type SdkResult =
  | { readonly protocol: 'openai-chat'; readonly value: OpenAI.Chat.ChatCompletion; readonly streamed?: StreamedEvents }
  | { readonly protocol: 'openai-responses'; readonly value: OpenAI.Responses.Response; readonly streamed?: StreamedEvents }
  | { readonly protocol: 'anthropic-messages'; readonly value: Anthropic.Message; readonly streamed?: StreamedEvents };

/** `create` is the plain call; `stream` is the SDK's own stream helper run to its final result. */
export type SdkCallMode = 'create' | 'stream';

/**
 * Sends `request` the way a user of the official SDK would. The stream mode goes through the helpers the
 * issue names (`chat.completions.stream(...).finalChatCompletion()`, `responses.stream(...).finalResponse()`,
 * `messages.stream(...).finalMessage()`), so a stream whose events the SDK cannot assemble fails here.
 * Chat streams ask for the usage chunk, as a client that wants usage must.
 */
export async function sendWithSdk(clients: SdkClients, request: SdkRequest, mode: SdkCallMode): Promise<SdkResult> {
  const streamed: StreamedEvents = { text: '', toolCalls: [], sequenceNumbers: [] };
  const parse = (text: string): unknown => (text.trim() === '' ? {} : (JSON.parse(text) as unknown));
  switch (request.protocol) {
    case 'openai-chat': {
      if (mode === 'create') return { protocol: request.protocol, value: await clients.openai.chat.completions.create(request.params) };
      const { stream: _stream, ...params } = request.params;
      const stream = clients.openai.chat.completions.stream({ ...params, stream_options: { include_usage: true } });
      stream.on('content.delta', (event) => {
        streamed.text += event.delta;
      });
      stream.on('tool_calls.function.arguments.done', (event) => streamed.toolCalls.push({ name: event.name, arguments: parse(event.arguments) }));
      return { protocol: request.protocol, value: await stream.finalChatCompletion(), streamed };
    }
    case 'openai-responses': {
      if (mode === 'create') return { protocol: request.protocol, value: await clients.openai.responses.create(request.params) };
      const { stream: _stream, ...params } = request.params;
      const stream = clients.openai.responses.stream(params);
      stream.on('event', (event) => streamed.sequenceNumbers.push(event.sequence_number));
      stream.on('response.output_text.delta', (event) => {
        streamed.text += event.delta;
      });
      stream.on('response.output_item.done', (event) => {
        if (event.item.type === 'function_call') streamed.toolCalls.push({ name: event.item.name, arguments: parse(event.item.arguments) });
      });
      return { protocol: request.protocol, value: await stream.finalResponse(), streamed };
    }
    case 'anthropic-messages': {
      if (mode === 'create') return { protocol: request.protocol, value: await clients.anthropic.messages.create(request.params) };
      const { stream: _stream, ...params } = request.params;
      const stream = clients.anthropic.messages.stream(params);
      stream.on('text', (delta) => {
        streamed.text += delta;
      });
      stream.on('contentBlock', (block) => {
        if (block.type === 'tool_use') streamed.toolCalls.push({ name: block.name, arguments: block.input });
      });
      return { protocol: request.protocol, value: await stream.finalMessage(), streamed };
    }
  }
}
