import { parseOpenAIChatJson } from './parse-openai-chat-json.ts';

export interface ParsedOpenAIChatError {
  /** OpenAI's `error.type` (`invalid_request_error`, `tokens`, …), else `error.code`, else `upstream_error`. */
  readonly errorType: string;
  /** OpenAI's `error.code` (`rate_limit_exceeded`, `insufficient_quota`, …) when given. */
  readonly code?: string;
  readonly message: string;
}

/** Longer texts (an HTML error page from a proxy) are cut: the message is for logs and error bodies. */
const maxMessageLength = 1_000;

/**
 * An upstream error body of an OpenAI-compatible provider -> type and message, tolerant of junk: the body
 * as text or already parsed; `{error:{message,type,code}}` (OpenAI), `{error:"text"}` and
 * `{message}` / `{detail}` (compatible servers), plain text or HTML.
 * @see https://platform.openai.com/docs/guides/error-codes
 */
export function parseOpenAIChatErrorBody(body: unknown): ParsedOpenAIChatError {
  let value = body;
  if (typeof body === 'string') {
    const parsed = parseOpenAIChatJson(body);
    if (!parsed.ok) return { errorType: 'upstream_error', message: cut(body.trim()) || 'The upstream provider answered with an error.' };
    value = parsed.value;
  }
  const record = asRecord(value);
  const error = record?.['error'];
  const errorRecord = asRecord(error);
  const message =
    readString(errorRecord?.['message']) ??
    readString(error) ??
    readString(record?.['message']) ??
    readString(record?.['detail']) ??
    'The upstream provider answered with an error.';
  const code = readString(errorRecord?.['code']) ?? (typeof errorRecord?.['code'] === 'number' ? String(errorRecord['code']) : undefined);
  const errorType = readString(errorRecord?.['type']) ?? code ?? readString(record?.['type']) ?? 'upstream_error';
  return code === undefined ? { errorType, message: cut(message) } : { errorType, code, message: cut(message) };
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
