import type { FinishReason } from '../../canonical/finish-reason.ts';

/**
 * A Response's `status` (+ `incomplete_details.reason`) -> canonical finish reason. Responses has no
 * tool-specific reason: a completed response with `function_call` items finished for tool calls.
 * `raw` is the incomplete reason when there is one, else the status.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-status
 */
export function mapOpenAIResponsesFinishReason(
  status: string | null | undefined,
  incompleteReason: string | null | undefined,
  hasToolCalls: boolean,
): FinishReason {
  switch (status) {
    case 'completed':
      return { unified: hasToolCalls ? 'tool-calls' : 'stop', raw: status };
    case 'incomplete':
      switch (incompleteReason) {
        case 'max_output_tokens':
          return { unified: 'length', raw: incompleteReason };
        case 'content_filter':
          return { unified: 'content-filter', raw: incompleteReason };
        default:
          return { unified: 'other', raw: incompleteReason ?? status };
      }
    case 'failed':
    case 'cancelled':
      return { unified: 'error', raw: status };
    default:
      return { unified: 'other', raw: status ?? undefined };
  }
}
