import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../errors/gateway-error.ts';

/**
 * Reads the whole request body, refusing (413) as soon as it passes `limitBytes`: a declared
 * Content-Length over the limit is refused before a byte is read.
 */
export function readRequestBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const tooLarge = () => new GatewayError('GW_ERR_BODY_TOO_LARGE', { message: `The request body is larger than the limit of ${limitBytes} bytes.` });
  const declaredLength = Number(request.headers['content-length']);
  if (declaredLength > limitBytes) {
    request.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limitBytes) {
        request.off('data', onData);
        request.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received)));
    request.once('error', (error) => reject(new GatewayError('GW_ERR_INVALID_REQUEST', { message: 'The request body could not be read.', cause: error })));
  });
}
