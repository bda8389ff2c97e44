import type { ServerResponse } from 'node:http';
import type { GatewayError } from '../errors/gateway-error.ts';
import { protocolAdapters } from '../translation/protocol-adapters.ts';
import type { RequestContext } from './request-context.ts';
import { writeJsonResponse } from './write-json-response.ts';

/**
 * Answers with a gateway error in the ingress protocol's shape (`context.errorProtocol`: the endpoint's), with Retry-After when
 * the error has one. After the head went out, nothing can be said in-band here: the response just ends.
 */
export function writeErrorResponse(response: ServerResponse, context: RequestContext, error: GatewayError): void {
  context.status = error.status;
  context.errorCode = error.code;
  context.rejectedBy = error.limit;
  if (response.headersSent) {
    response.end();
    return;
  }
  const headers: Record<string, string> = {};
  if (error.retryAfterMs !== undefined) headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
  if (error.status === 413) headers['connection'] = 'close';
  const body = protocolAdapters[context.errorProtocol].renderError(error, context.requestId);
  context.errorBody = body;
  writeJsonResponse(response, context, error.status, body, headers);
}
