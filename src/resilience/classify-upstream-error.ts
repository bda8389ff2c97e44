import type { StatusRules } from './status-rules.ts';

/** What an upstream error answer means for the request. */
export type UpstreamErrorVerdict =
  /** The provider failed: cool it down and try the next candidate. */
  | 'provider-failure'
  /** The provider failed, but `detection` does not count it: no failover, a 502 to the client. */
  | 'upstream-error'
  /** The request was at fault: the provider's answer goes to the client, nobody else is tried. */
  | 'client-error';

export interface FailureDetection {
  readonly statusRules: StatusRules;
  readonly errorPatterns: readonly string[];
}

/**
 * A non-2xx answer. A provider failure when its status is one of `detection.error_codes` or its body holds
 * one of `detection.error_patterns`, and always for 401/403 (the provider refused the gateway's own key:
 * never the client's fault, and another provider may take the request). Another 5xx or 429 is the
 * provider's error without failover; any other 4xx is the client's.
 */
export function classifyUpstreamError(status: number, body: string, detection: FailureDetection): UpstreamErrorVerdict {
  if (status === 401 || status === 403 || detection.statusRules.matches(status)) return 'provider-failure';
  if (containsErrorPattern(body, detection.errorPatterns)) return 'provider-failure';
  return status >= 500 || status === 429 ? 'upstream-error' : 'client-error';
}

/** Whether `text` (an error body, a stream's first chunk) holds one of the patterns. */
export function containsErrorPattern(text: string, patterns: readonly string[]): boolean {
  for (const pattern of patterns) if (text.includes(pattern)) return true;
  return false;
}
