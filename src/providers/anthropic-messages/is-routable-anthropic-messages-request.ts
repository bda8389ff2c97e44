import { areMessages, isNonEmptyText, isOptionalFlag, isPositiveInteger } from '../../translation/routable-request-checks.ts';

function isString(value: unknown): boolean {
  return typeof value === 'string';
}

/**
 * Whether the Messages adapter's routable schema accepts `body`, checked by hand (routable-request-checks.ts;
 * its test proves it never accepts what the schema refuses): zod's `safeParse` copies the body and every
 * message, ~0.8 µs a request.
 */
export function isRoutableAnthropicMessagesRequest(body: Readonly<Record<string, unknown>>): boolean {
  return (
    isNonEmptyText(body['model']) && isPositiveInteger(body['max_tokens']) && areMessages(body['messages'], 0, isString, true) && isOptionalFlag(body['stream'])
  );
}
