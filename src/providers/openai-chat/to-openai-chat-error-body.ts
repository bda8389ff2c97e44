import type { GatewayErrorCode } from '../../errors/error-catalogue.ts';
import type { GatewayError } from '../../errors/gateway-error.ts';

/**
 * OpenAI's error `type` for each gateway code, as OpenAI itself uses them.
 * @see https://platform.openai.com/docs/guides/error-codes
 */
const openaiErrorTypes = {
  GW_ERR_INVALID_JSON: 'invalid_request_error',
  GW_ERR_INVALID_REQUEST: 'invalid_request_error',
  GW_ERR_MISSING_API_KEY: 'invalid_request_error',
  GW_ERR_INVALID_API_KEY: 'invalid_request_error',
  GW_ERR_KEY_DISABLED: 'permission_error',
  GW_ERR_MODEL_NOT_ALLOWED: 'permission_error',
  GW_ERR_NOT_FOUND: 'invalid_request_error',
  GW_ERR_MODEL_NOT_FOUND: 'invalid_request_error',
  GW_ERR_METHOD_NOT_ALLOWED: 'invalid_request_error',
  GW_ERR_BODY_TOO_LARGE: 'invalid_request_error',
  GW_ERR_RATE_LIMITED: 'rate_limit_error',
  GW_ERR_INTERNAL: 'server_error',
  GW_ERR_UPSTREAM_ERROR: 'upstream_error',
  GW_ERR_UPSTREAM_CONNECTION: 'upstream_error',
  GW_ERR_UNSUPPORTED_PROVIDER_PROTOCOL: 'invalid_request_error',
  GW_ERR_UPSTREAM_TIMEOUT: 'timeout_error',
  GW_ERR_UPSTREAM_UNAVAILABLE: 'upstream_error',
  GW_ERR_GATEWAY_BUSY: 'server_error',
  GW_ERR_ADMIN_UNAUTHORIZED: 'invalid_request_error',
  GW_ERR_RESOURCE_NOT_FOUND: 'invalid_request_error',
  GW_ERR_CONFLICT: 'invalid_request_error',
  GW_ERR_STORE_UNAVAILABLE: 'server_error',
} as const satisfies Record<GatewayErrorCode, string>;

export interface OpenAIErrorBody {
  error: { message: string; type: string; code: string; param: string | null };
}

/** `{"error":{"message","type","code","param"}}`; `code` is the stable gateway code. */
export function toOpenAIChatErrorBody(error: GatewayError): OpenAIErrorBody {
  return {
    error: { message: error.message, type: openaiErrorTypes[error.code], code: error.code, param: error.param ?? null },
  };
}
