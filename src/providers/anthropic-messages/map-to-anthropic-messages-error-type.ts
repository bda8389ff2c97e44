/** Anthropic's error `type` values (Errors page and SDK `ErrorType`; `request_too_large` comes from the 413 edge). */
export const anthropicMessagesErrorTypes = [
  'invalid_request_error',
  'authentication_error',
  'billing_error',
  'permission_error',
  'not_found_error',
  'request_too_large',
  'rate_limit_error',
  'timeout_error',
  'api_error',
  'overloaded_error',
] as const;

export type AnthropicMessagesErrorType = (typeof anthropicMessagesErrorTypes)[number];

const known: readonly string[] = anthropicMessagesErrorTypes;

/**
 * Any protocol's error type -> Anthropic's, for an error event sent to an Anthropic client (Claude Code
 * retries on `overloaded_error`, `rate_limit_error`, `api_error`). Anthropic types pass; OpenAI's codes and
 * types (`rate_limit_exceeded`, `server_error`, `insufficient_quota`, …) map to the nearest; the rest is
 * `api_error`.
 * @see https://docs.anthropic.com/en/api/errors
 */
export function mapToAnthropicMessagesErrorType(errorType: string): AnthropicMessagesErrorType {
  if (known.includes(errorType)) return errorType as AnthropicMessagesErrorType;
  switch (errorType) {
    case 'rate_limit_exceeded':
    case 'tokens':
    case 'requests':
      return 'rate_limit_error';
    case 'insufficient_quota':
      return 'billing_error';
    case 'invalid_api_key':
      return 'authentication_error';
    case 'context_length_exceeded':
    case 'invalid_prompt':
    case 'invalid_request':
      return 'invalid_request_error';
    case 'timeout':
    case 'upstream_timeout':
      return 'timeout_error';
    default:
      return 'api_error';
  }
}
