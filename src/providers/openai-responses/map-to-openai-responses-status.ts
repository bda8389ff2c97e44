import type { FinishReason } from '../../canonical/finish-reason.ts';

export type OpenAIResponsesStatus =
  | { readonly status: 'completed' }
  | { readonly status: 'incomplete'; readonly reason: 'max_output_tokens' | 'content_filter' }
  | { readonly status: 'failed' };

/**
 * Canonical finish reason -> a Response's `status` and `incomplete_details.reason`. Tool calls are a
 * completed response (the client sees the `function_call` items); `content-filter` (Anthropic `refusal`)
 * is `incomplete` / `content_filter` (⚠ choice, protocol-mapping.md §3.2); `other` is completed.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-status
 */
export function mapToOpenAIResponsesStatus(finishReason: FinishReason): OpenAIResponsesStatus {
  switch (finishReason.unified) {
    case 'stop':
    case 'tool-calls':
    case 'other':
      return { status: 'completed' };
    case 'length':
      return { status: 'incomplete', reason: 'max_output_tokens' };
    case 'content-filter':
      return { status: 'incomplete', reason: 'content_filter' };
    case 'error':
      return { status: 'failed' };
  }
}
