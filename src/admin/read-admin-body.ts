import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../errors/gateway-error.ts';
import { parseJsonBody } from '../server/parse-json-body.ts';
import { readRequestBody } from '../server/read-request-body.ts';

/** Admin bodies are small: a provider with a large model_mapping fits easily. */
const adminBodyLimitBytes = 1024 * 1024;

/** The body as a JSON object (an empty body is `{}`); 400/413 otherwise. */
export function readAdminBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    readRequestBody(
      request,
      adminBodyLimitBytes,
      (body) => {
        try {
          const value = body.length === 0 ? {} : parseJsonBody(body);
          if (typeof value !== 'object' || value === null || Array.isArray(value)) {
            reject(new GatewayError('GW_ERR_INVALID_REQUEST', { message: 'The request body must be a JSON object.' }));
          } else resolve(value as Record<string, unknown>);
        } catch (error) {
          reject(error);
        }
      },
      reject,
    );
  });
}
