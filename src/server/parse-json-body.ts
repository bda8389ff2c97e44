import { GatewayError } from '../errors/gateway-error.ts';

/**
 * The one place bytes from the network become JSON. The gateway never merges parsed objects into others,
 * so an own `__proto__` key stays an inert property; the only guard needed is a clear 400.
 */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) throw new GatewayError('GW_ERR_INVALID_JSON', { message: 'The request body is empty; a JSON object is expected.' });
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new GatewayError('GW_ERR_INVALID_JSON', { message: `The request body is not valid JSON: ${(error as Error).message}`, cause: error });
  }
}
