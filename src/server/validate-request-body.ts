import type { z } from 'zod';
import { GatewayError } from '../errors/gateway-error.ts';

/** Checks a parsed body against its wire schema; the first problem becomes a 400 naming the field. */
export function validateRequestBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GatewayError('GW_ERR_INVALID_REQUEST', { message: 'The request body must be a JSON object.' });
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue === undefined ? undefined : formatParam(issue.path);
  const received = issue?.code === 'invalid_type' && issue.path.length > 0 ? describeReceived(body, issue.path) : '';
  const message =
    issue === undefined
      ? 'The request body is invalid.'
      : issue.code === 'invalid_type' && received === 'undefined'
        ? `'${param}' is required.`
        : `Invalid '${param}': ${issue.message}${received === '' ? '' : ` (got ${received})`}.`;
  throw new GatewayError('GW_ERR_INVALID_REQUEST', param === undefined ? { message } : { message, param });
}

function formatParam(path: readonly PropertyKey[]): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`)).join('');
}

function describeReceived(body: object, path: readonly PropertyKey[]): string {
  let value: unknown = body;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return 'undefined';
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}
