import { parseAnthropicMessagesJson } from './parse-anthropic-messages-json.ts';

export interface ParsedAnthropicMessagesError {
  /** Anthropic's `error.type` (`overloaded_error`, `rate_limit_error`, …), else `api_error`. */
  readonly errorType: string;
  readonly message: string;
  /** Anthropic's `request_id`, for logs. */
  readonly requestId?: string;
}

/** Longer texts (an HTML error page from a proxy) are cut: the message is for logs and error bodies. */
const maxMessageLength = 1_000;

const fallbackMessage = 'The upstream provider answered with an error.';

/**
 * An upstream error body of an Anthropic provider -> type and message, tolerant of junk: the body as text
 * or already parsed; `{type:"error", error:{type, message}, request_id}` (Anthropic), `{error:"text"}` or
 * `{message}` (proxies), plain text or HTML.
 * @see https://docs.anthropic.com/en/api/errors
 */
export function parseAnthropicMessagesErrorBody(body: unknown): ParsedAnthropicMessagesError {
  let value = body;
  if (typeof body === 'string') {
    const parsed = parseAnthropicMessagesJson(body);
    if (!parsed.ok) return { errorType: 'api_error', message: cut(body.trim()) || fallbackMessage };
    value = parsed.value;
  }
  const record = asRecord(value);
  const error = record?.['error'];
  const errorRecord = asRecord(error);
  const message = readString(errorRecord?.['message']) ?? readString(error) ?? readString(record?.['message']) ?? fallbackMessage;
  const errorType = readString(errorRecord?.['type']) ?? 'api_error';
  const requestId = readString(record?.['request_id']);
  return requestId === undefined ? { errorType, message: cut(message) } : { errorType, message: cut(message), requestId };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function readString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function cut(text: string): string {
  return text.length > maxMessageLength ? `${text.slice(0, maxMessageLength)}…` : text;
}
