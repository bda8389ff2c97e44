import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { GatewayError } from '../errors/gateway-error.ts';
import { toOpenAIChatErrorBody } from '../providers/openai-chat/to-openai-chat-error-body.ts';
import type { RequestContext } from '../server/request-context.ts';
import { writeJsonResponse } from '../server/write-json-response.ts';
import { AdminFieldError } from './admin-field-error.ts';

/**
 * The Admin API's error handler (its own scope, STYLE.md §1): the OpenAI error body, plus `errors` listing
 * every field problem of a refused body. A database failure is GW_ERR_STORE_UNAVAILABLE (a unique-key
 * clash GW_ERR_CONFLICT); other unknown errors GW_ERR_INTERNAL. The log line carries the error, never a body.
 */
export function writeAdminError(response: ServerResponse, context: RequestContext, error: unknown, logger: Logger): void {
  const gatewayError = classifyAdminError(error);
  if (gatewayError.status >= 500) logger.error({ requestId: context.requestId, err: error }, 'admin request failed');
  context.status = gatewayError.status;
  context.errorCode = gatewayError.code;
  if (response.headersSent) {
    response.end();
    return;
  }
  const body = toOpenAIChatErrorBody(gatewayError);
  const errors = gatewayError instanceof AdminFieldError ? { errors: gatewayError.fields } : {};
  writeJsonResponse(response, context, gatewayError.status, { error: { ...body.error, ...errors } });
}

function classifyAdminError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  if (error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError || error instanceof SyntaxError) {
    return new GatewayError('GW_ERR_INTERNAL', { cause: error });
  }
  // PostgreSQL's SQLSTATE 23505: a unique key (a name or key another row has) was taken meanwhile.
  if ((error as { code?: unknown } | undefined)?.code === '23505') return new GatewayError('GW_ERR_CONFLICT', { cause: error });
  return new GatewayError('GW_ERR_STORE_UNAVAILABLE', { cause: error });
}
