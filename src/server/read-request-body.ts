import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../errors/gateway-error.ts';

/**
 * Reads the whole request body and calls `onBody` with it, or `onError` once: refused (413) as soon as it
 * passes `limitBytes` (a declared Content-Length over the limit before a byte is read), or unreadable (400).
 * Callbacks rather than a promise: the proxy path has no promise left (see src/proxy/proxy-exchange.ts).
 */
export function readRequestBody(request: IncomingMessage, limitBytes: number, onBody: (body: Buffer) => void, onError: (error: GatewayError) => void): void {
  const declaredLength = Number(request.headers['content-length']);
  if (declaredLength > limitBytes) {
    request.resume();
    onError(bodyTooLarge(limitBytes));
    return;
  }
  const chunks: Buffer[] = [];
  let received = 0;
  let settled = false;
  request.on('data', (chunk: Buffer) => {
    if (settled) return; // refused: the rest is read and dropped
    received += chunk.length;
    if (received > limitBytes) {
      settled = true;
      onError(bodyTooLarge(limitBytes));
      return;
    }
    chunks.push(chunk);
  });
  request.on('end', () => {
    if (settled) return;
    settled = true;
    onBody(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received));
  });
  request.on('error', (error) => {
    if (settled) return;
    settled = true;
    onError(new GatewayError('GW_ERR_INVALID_REQUEST', { message: 'The request body could not be read.', cause: error }));
  });
}

function bodyTooLarge(limitBytes: number): GatewayError {
  return new GatewayError('GW_ERR_BODY_TOO_LARGE', { message: `The request body is larger than the limit of ${limitBytes} bytes.` });
}
