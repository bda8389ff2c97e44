import type { FixtureCase } from '../helpers/replay-fixture-case.ts';
import type { NeutralRequest } from './build-sdk-request.ts';
import type { SdkProtocol } from './sdk-protocol.ts';

/** A provider answer (../shared/fixtures) plus the question a client asks to get it, model left to the caller. */
export interface MatrixFixtureCase extends FixtureCase {
  readonly request: Omit<NeutralRequest, 'model'>;
}

const hello = { user: 'Hello!', maxTokens: 1024 } as const;

/**
 * Every provider answer the matrix replays, per provider protocol: text, tool calls (parallel where a
 * fixture has them), text before a tool call, thinking / reasoning, and a length stop. The fixture README
 * says where each shape comes from.
 */
export const providerFixtureCases = {
  'openai-chat': [
    {
      name: 'text',
      json: 'openai-chat/nonstream-text.json',
      sse: 'openai-chat/stream-text.sse',
      request: { ...hello, system: 'You are a helpful assistant.' },
    },
    { name: 'text with usage chunk', sse: 'openai-chat/stream-usage.sse', request: hello },
    {
      name: 'two parallel tool calls',
      json: 'openai-chat/nonstream-tool-calls.json',
      sse: 'openai-chat/stream-tool-calls.sse',
      request: { user: "What's the weather like in Edinburgh? What's the price of AAPL?", toolNames: ['GetWeatherArgs', 'get_stock_price'], maxTokens: 1024 },
    },
    { name: 'length stop', sse: 'openai-chat/stream-length.sse', request: { user: "What's the weather like in SF?", maxTokens: 1 } },
  ],
  'anthropic-messages': [
    { name: 'text', json: 'anthropic-messages/nonstream-text.json', sse: 'anthropic-messages/stream-text.sse', request: hello },
    {
      name: 'tool use',
      json: 'anthropic-messages/nonstream-tool-use.json',
      sse: 'anthropic-messages/stream-tool-use-live.sse',
      request: { user: 'What is the weather in SF?', toolNames: ['get_weather'], maxTokens: 1024 },
    },
    {
      name: 'text then tool use',
      sse: 'anthropic-messages/stream-tool-use.sse',
      request: { user: 'What is the weather like in San Francisco?', toolNames: ['get_weather'], maxTokens: 1024 },
    },
    { name: 'thinking', sse: 'anthropic-messages/stream-thinking.sse', request: { user: 'What is 27 * 453?', maxTokens: 16000, thinkingBudget: 10000 } },
  ],
  'openai-responses': [
    { name: 'text', json: 'responses/nonstream-text.json', sse: 'responses/stream-text.sse', request: hello },
    {
      name: 'function call',
      json: 'responses/nonstream-function-call.json',
      sse: 'responses/stream-function-call.sse',
      request: { user: 'What is the weather like today?', toolNames: ['get_current_weather', 'get_weather'], maxTokens: 1024 },
    },
    { name: 'reasoning', sse: 'responses/stream-reasoning.sse', request: { ...hello, maxTokens: 2048, thinkingBudget: 4096 } },
  ],
} as const satisfies Record<SdkProtocol, readonly MatrixFixtureCase[]>;
