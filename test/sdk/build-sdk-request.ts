import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import type { SdkProtocol } from './sdk-protocol.ts';

/** One simple question, said the same way in every protocol (build-sdk-request.ts turns it into wire params). */
export interface NeutralRequest {
  readonly model: string;
  readonly user: string;
  readonly system?: string;
  /** Function tools offered, by name, each taking any object. */
  readonly toolNames?: readonly string[];
  readonly maxTokens: number;
  /** Ask for reasoning: Anthropic `thinking.budget_tokens`; the OpenAI protocols ask for medium effort. */
  readonly thinkingBudget?: number;
}

export type SdkRequest =
  | { readonly protocol: 'openai-chat'; readonly params: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming }
  | { readonly protocol: 'openai-responses'; readonly params: OpenAI.Responses.ResponseCreateParamsNonStreaming }
  | { readonly protocol: 'anthropic-messages'; readonly params: Anthropic.MessageCreateParamsNonStreaming };

const anyObjectSchema = { type: 'object', properties: {}, additionalProperties: true } as const;

/** The request as a client of `protocol` writes it with the official SDK's types. */
export function buildSdkRequest(protocol: SdkProtocol, request: NeutralRequest): SdkRequest {
  const toolNames = request.toolNames ?? [];
  switch (protocol) {
    case 'openai-chat':
      return {
        protocol,
        params: {
          model: request.model,
          messages: [
            ...(request.system === undefined ? [] : [{ role: 'developer' as const, content: request.system }]),
            { role: 'user', content: request.user },
          ],
          max_completion_tokens: request.maxTokens,
          ...(toolNames.length === 0
            ? {}
            : { tools: toolNames.map((name) => ({ type: 'function' as const, function: { name, parameters: anyObjectSchema } })) }),
          ...(request.thinkingBudget === undefined ? {} : { reasoning_effort: 'medium' as const }),
        },
      };
    case 'openai-responses':
      return {
        protocol,
        params: {
          model: request.model,
          input: request.user,
          ...(request.system === undefined ? {} : { instructions: request.system }),
          max_output_tokens: request.maxTokens,
          store: false,
          ...(toolNames.length === 0
            ? {}
            : { tools: toolNames.map((name) => ({ type: 'function' as const, name, parameters: anyObjectSchema, strict: false })) }),
          ...(request.thinkingBudget === undefined
            ? {}
            : { reasoning: { effort: 'medium' as const, summary: 'auto' as const }, include: ['reasoning.encrypted_content' as const] }),
        },
      };
    case 'anthropic-messages':
      return {
        protocol,
        params: {
          model: request.model,
          max_tokens: request.maxTokens,
          messages: [{ role: 'user', content: request.user }],
          ...(request.system === undefined ? {} : { system: request.system }),
          ...(toolNames.length === 0 ? {} : { tools: toolNames.map((name) => ({ name, input_schema: anyObjectSchema })) }),
          ...(request.thinkingBudget === undefined ? {} : { thinking: { type: 'enabled' as const, budget_tokens: request.thinkingBudget } }),
        },
      };
  }
}
