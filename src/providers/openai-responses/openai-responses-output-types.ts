import type { OpenAIResponsesUsageBody } from './convert-to-openai-responses-usage.ts';

/**
 * The Responses output the gateway writes to a client (non-streaming bodies and stream events): every
 * field the openai SDK types require.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 */

/** Mints output item ids: returns a new unique id starting with `${prefix}_` (OpenAI's item id prefixes). */
export type OpenAIResponsesIdSource = (prefix: 'msg' | 'fc' | 'ctc' | 'rs') => string;

export interface OpenAIResponsesOutputTextBody {
  type: 'output_text';
  text: string;
  annotations: [];
  logprobs?: [];
}

export type OpenAIResponsesItemStatus = 'in_progress' | 'completed' | 'incomplete';

export interface OpenAIResponsesMessageItemBody {
  id: string;
  type: 'message';
  status: OpenAIResponsesItemStatus;
  role: 'assistant';
  content: OpenAIResponsesOutputTextBody[];
}

export interface OpenAIResponsesFunctionCallItemBody {
  id: string;
  type: 'function_call';
  status: OpenAIResponsesItemStatus;
  arguments: string;
  call_id: string;
  name: string;
  namespace?: string;
}

export interface OpenAIResponsesCustomToolCallItemBody {
  id: string;
  type: 'custom_tool_call';
  status: OpenAIResponsesItemStatus;
  call_id: string;
  name: string;
  input: string;
  namespace?: string;
}

export interface OpenAIResponsesReasoningItemBody {
  id: string;
  type: 'reasoning';
  encrypted_content?: string;
  summary: { type: 'summary_text'; text: string }[];
}

export type OpenAIResponsesOutputItemBody =
  | OpenAIResponsesMessageItemBody
  | OpenAIResponsesFunctionCallItemBody
  | OpenAIResponsesCustomToolCallItemBody
  | OpenAIResponsesReasoningItemBody;

export type OpenAIResponsesResponseStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

/** A Response object: the non-streaming body, and the snapshot in `response.*` stream events. */
export interface OpenAIResponsesResponseBody {
  id: string;
  object: 'response';
  created_at: number;
  status: OpenAIResponsesResponseStatus;
  background: boolean;
  completed_at: number | null;
  error: { code: string; message: string } | null;
  incomplete_details: { reason: string } | null;
  instructions: string | null;
  max_output_tokens: number | null;
  max_tool_calls: number | null;
  model: string;
  output: OpenAIResponsesOutputItemBody[];
  parallel_tool_calls: boolean;
  previous_response_id: null;
  prompt_cache_key: string | null;
  reasoning: { effort: string | null; summary: string | null };
  safety_identifier: string | null;
  service_tier: string;
  store: boolean;
  temperature: number;
  text: { format: unknown; verbosity: string };
  tool_choice: unknown;
  tools: unknown[];
  top_logprobs: number;
  top_p: number;
  truncation: string;
  usage: OpenAIResponsesUsageBody | null;
  user: string | null;
  metadata: Record<string, unknown>;
}
