import { randomUUID } from 'node:crypto';

/** A client-supplied id is kept only when it is short and plain (no header or log injection). */
const acceptableRequestId = /^[\w.:-]{1,128}$/;

export function readRequestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && acceptableRequestId.test(header) ? header : randomUUID();
}
