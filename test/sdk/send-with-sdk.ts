import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import type { SdkRequest } from './build-sdk-request.ts';
import type { SdkClients } from './create-sdk-clients.ts';

/** What the SDK handed back: the non-stream result, or the stream helper's final object. */
export type SdkResult =
  | { readonly protocol: 'openai-chat'; readonly value: OpenAI.Chat.ChatCompletion }
  | { readonly protocol: 'openai-responses'; readonly value: OpenAI.Responses.Response }
  | { readonly protocol: 'anthropic-messages'; readonly value: Anthropic.Message };

/** `create` is the plain call; `stream` is the SDK's own stream helper run to its final result. */
export type SdkCallMode = 'create' | 'stream';

/**
 * Sends `request` the way a user of the official SDK would. The stream mode goes through the helpers the
 * issue names (`chat.completions.stream(...).finalChatCompletion()`, `responses.stream(...).finalResponse()`,
 * `messages.stream(...).finalMessage()`), so a stream whose events the SDK cannot assemble fails here.
 * Chat streams ask for the usage chunk, as a client that wants usage must.
 */
export async function sendWithSdk(clients: SdkClients, request: SdkRequest, mode: SdkCallMode): Promise<SdkResult> {
  switch (request.protocol) {
    case 'openai-chat': {
      if (mode === 'create') return { protocol: request.protocol, value: await clients.openai.chat.completions.create(request.params) };
      const { stream: _stream, ...params } = request.params;
      const final = await clients.openai.chat.completions.stream({ ...params, stream_options: { include_usage: true } }).finalChatCompletion();
      return { protocol: request.protocol, value: final };
    }
    case 'openai-responses': {
      if (mode === 'create') return { protocol: request.protocol, value: await clients.openai.responses.create(request.params) };
      const { stream: _stream, ...params } = request.params;
      return { protocol: request.protocol, value: await clients.openai.responses.stream(params).finalResponse() };
    }
    case 'anthropic-messages': {
      if (mode === 'create') return { protocol: request.protocol, value: await clients.anthropic.messages.create(request.params) };
      const { stream: _stream, ...params } = request.params;
      return { protocol: request.protocol, value: await clients.anthropic.messages.stream(params).finalMessage() };
    }
  }
}
