import type { FinishReason } from '../../canonical/finish-reason.ts';
import type { AnthropicStopReason } from './anthropic-messages-wire-types.ts';

/**
 * AM `stop_reason` -> canonical; the raw value is kept. `refusal` is a content filter, `pause_turn` (a
 * server tool paused the turn) a normal stop, `model_context_window_exceeded` a length stop
 * (protocol-mapping.md §3.2, ⚠ choices). Unknown values are `other`.
 * @see https://docs.anthropic.com/en/api/messages#response-stop-reason
 */
export function mapAnthropicMessagesStopReason(raw: string | null | undefined): FinishReason {
  const value = raw ?? undefined;
  switch (value) {
    case 'end_turn':
    case 'stop_sequence':
    case 'pause_turn':
      return { unified: 'stop', raw: value };
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return { unified: 'length', raw: value };
    case 'tool_use':
      return { unified: 'tool-calls', raw: value };
    case 'refusal':
      return { unified: 'content-filter', raw: value };
    default:
      return { unified: 'other', raw: value };
  }
}

const anthropicStopReasons: readonly string[] = [
  'end_turn',
  'max_tokens',
  'stop_sequence',
  'tool_use',
  'pause_turn',
  'refusal',
  'model_context_window_exceeded',
];

/**
 * Canonical -> AM `stop_reason`. An AM raw value that means the same is kept (an Anthropic upstream's
 * `stop_sequence`, `pause_turn`, …); otherwise `stop` -> `end_turn`, `length` -> `max_tokens`, `tool-calls`
 * -> `tool_use`, `content-filter` -> `refusal` (⚠ choice); `error` and `other` -> `end_turn`.
 * @see https://docs.anthropic.com/en/api/messages#response-stop-reason
 */
export function mapToAnthropicMessagesStopReason(finishReason: FinishReason): AnthropicStopReason {
  const raw = finishReason.raw;
  if (raw !== undefined && anthropicStopReasons.includes(raw) && mapAnthropicMessagesStopReason(raw).unified === finishReason.unified) {
    return raw as AnthropicStopReason;
  }
  switch (finishReason.unified) {
    case 'stop':
      return 'end_turn';
    case 'length':
      return 'max_tokens';
    case 'tool-calls':
      return 'tool_use';
    case 'content-filter':
      return 'refusal';
    case 'error':
    case 'other':
      return 'end_turn';
  }
}
