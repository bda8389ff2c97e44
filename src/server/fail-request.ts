import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { toGatewayError } from '../errors/gateway-error.ts';
import type { RequestContext } from './request-context.ts';
import { writeErrorResponse } from './write-error-response.ts';

/**
 * Answers a request that failed, whatever was thrown: a GatewayError as it is, anything else as
 * GW_ERR_INTERNAL, logged with its stack; a provider's failure is logged as a warning (never its body).
 */
export function failRequest(error: unknown, response: ServerResponse, context: RequestContext, logger: Logger): void {
  const gatewayError = toGatewayError(error);
  if (gatewayError.code === 'GW_ERR_INTERNAL') logger.error({ requestId: context.requestId, err: error }, 'unexpected error');
  else if (gatewayError.upstream !== undefined) {
    logger.warn({ requestId: context.requestId, provider: gatewayError.upstream.provider, upstreamStatus: gatewayError.upstream.status }, 'provider failed');
  }
  writeErrorResponse(response, context, gatewayError);
}
