import type { GatewayErrorCode } from '../../errors/error-catalogue.ts';
import type { GatewayError } from '../../errors/gateway-error.ts';
import type { AnthropicMessagesErrorType } from './map-to-anthropic-messages-error-type.ts';

/**
 * Anthropic's error `type` for each gateway code, by the status Anthropic gives that type (400
 * invalid_request_error, 401 authentication_error, 403 permission_error, 404 not_found_error, 413
 * request_too_large, 429 rate_limit_error, 500 api_error, 504 timeout_error). A 405, 409 or 501 has no
 * Anthropic type of its own: the client's request cannot be served, so invalid_request_error. Upstream
 * failures (502) are api_error, which the SDK and Claude Code retry.
 * @see https://docs.anthropic.com/en/api/errors
 */
const anthropicErrorTypes = {
  GW_ERR_INVALID_JSON: 'invalid_request_error',
  GW_ERR_INVALID_REQUEST: 'invalid_request_error',
  GW_ERR_MISSING_API_KEY: 'authentication_error',
  GW_ERR_INVALID_API_KEY: 'authentication_error',
  GW_ERR_KEY_DISABLED: 'permission_error',
  GW_ERR_MODEL_NOT_ALLOWED: 'permission_error',
  GW_ERR_NOT_FOUND: 'not_found_error',
  GW_ERR_MODEL_NOT_FOUND: 'not_found_error',
  GW_ERR_METHOD_NOT_ALLOWED: 'invalid_request_error',
  GW_ERR_BODY_TOO_LARGE: 'request_too_large',
  GW_ERR_RATE_LIMITED: 'rate_limit_error',
  GW_ERR_INTERNAL: 'api_error',
  GW_ERR_UPSTREAM_ERROR: 'api_error',
  GW_ERR_UPSTREAM_CONNECTION: 'api_error',
  GW_ERR_UNSUPPORTED_PROVIDER_PROTOCOL: 'invalid_request_error',
  GW_ERR_UPSTREAM_TIMEOUT: 'timeout_error',
  GW_ERR_UPSTREAM_UNAVAILABLE: 'overloaded_error',
  GW_ERR_GATEWAY_BUSY: 'overloaded_error',
  GW_ERR_ADMIN_UNAUTHORIZED: 'authentication_error',
  GW_ERR_RESOURCE_NOT_FOUND: 'not_found_error',
  GW_ERR_CONFLICT: 'invalid_request_error',
  GW_ERR_STORE_UNAVAILABLE: 'overloaded_error',
} as const satisfies Record<GatewayErrorCode, AnthropicMessagesErrorType>;

export interface AnthropicErrorBody {
  type: 'error';
  error: { type: AnthropicMessagesErrorType; message: string };
  request_id?: string;
}

/** `{"type":"error","error":{"type","message"},"request_id"}` as Anthropic writes it; `request_id` when given. */
export function toAnthropicMessagesErrorBody(error: GatewayError, requestId?: string): AnthropicErrorBody {
  const body: AnthropicErrorBody = { type: 'error', error: { type: anthropicErrorTypes[error.code], message: error.message } };
  if (requestId !== undefined) body.request_id = requestId;
  return body;
}
