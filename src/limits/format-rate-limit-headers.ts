import type { TakeResult } from './memory-token-bucket.ts';

/** OpenAI's duration style for `x-ratelimit-reset-*`: `20ms`, `1.5s`, `6m0s`. */
export function formatResetDuration(milliseconds: number): string {
  if (milliseconds < 1_000) return `${Math.max(0, Math.ceil(milliseconds))}ms`;
  const seconds = Math.round(milliseconds / 10) / 100;
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${Math.round(seconds - minutes * 60)}s`;
}

/**
 * The key's request limit as OpenAI reports its own on every answer, so that clients that pace themselves
 * by them (the OpenAI SDKs' users, LangChain) can: `limit` is the bucket size (the burst), `remaining` the
 * whole requests left now, `reset` the time until the bucket is full again.
 * Written into `headers` (one object per request, whatever the number of limits); returns it.
 * @see https://platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers
 */
export function writeRequestLimitHeaders(headers: Record<string, string>, capacity: number, result: TakeResult): Record<string, string> {
  headers['x-ratelimit-limit-requests'] = String(Math.floor(capacity));
  headers['x-ratelimit-remaining-requests'] = String(result.remaining);
  headers['x-ratelimit-reset-requests'] = formatResetDuration(result.resetMs);
  return headers;
}

/** The key's tokens-per-minute limit in OpenAI's `-tokens` headers (remaining is 0 while the key is in debt). */
export function writeTokenLimitHeaders(headers: Record<string, string>, capacity: number, result: TakeResult): Record<string, string> {
  headers['x-ratelimit-limit-tokens'] = String(Math.floor(capacity));
  headers['x-ratelimit-remaining-tokens'] = String(result.remaining);
  headers['x-ratelimit-reset-tokens'] = formatResetDuration(result.resetMs);
  return headers;
}
