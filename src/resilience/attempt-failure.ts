import { GatewayError } from '../errors/gateway-error.ts';
import type { UpstreamOutcome } from '../upstream/relay-upstream-response.ts';
import { parseRetryAfter } from './parse-retry-after.ts';

/** Why one attempt failed, as far as failover, cooldown and the final answer need to know. */
export interface AttemptFailure {
  readonly kind: 'timeout' | 'connection' | 'status' | 'pattern';
  /** The provider's status, for `status` and `pattern`. */
  readonly status?: number;
  /** The provider's Retry-After, in ms. */
  readonly retryAfterMs?: number;
  /** For the health record and logs: client-safe, no bodies, no keys. */
  readonly message: string;
}

/** A failed exchange (`failed`, `first-chunk-rejected`, or an `error-response` the detection counts) as a failure. */
export function describeAttemptFailure(
  outcome: Extract<UpstreamOutcome, { kind: 'failed' | 'error-response' | 'first-chunk-rejected' }>,
  nowMs: number,
): AttemptFailure {
  switch (outcome.kind) {
    case 'failed': {
      const code = (outcome.error as { code?: unknown }).code;
      const timedOut = /timeout/i.test(outcome.error.name) || (typeof code === 'string' && /timeout/i.test(code));
      return timedOut
        ? { kind: 'timeout', message: `timed out: ${outcome.error.name}` }
        : { kind: 'connection', message: `connection failed: ${outcome.error.name}` };
    }
    case 'first-chunk-rejected':
      return { kind: 'pattern', status: outcome.status, message: 'the first stream event carried an error pattern' };
    case 'error-response': {
      const retryAfterMs = parseRetryAfter(outcome.headers['retry-after'], nowMs);
      const message = `answered HTTP ${outcome.status}`;
      return retryAfterMs === undefined
        ? { kind: 'status', status: outcome.status, message }
        : { kind: 'status', status: outcome.status, retryAfterMs, message };
    }
  }
}

/**
 * The client's answer when no attempt was left: 504 when the last one timed out, 503 (with its
 * Retry-After) when it was rate limited or overloaded, 502 otherwise. Never the provider's body.
 */
export function buildFinalUpstreamError(failure: AttemptFailure, providerName: string, attempts: number): GatewayError {
  const tried = attempts === 1 ? '' : ` (${attempts} attempts)`;
  if (failure.kind === 'timeout') {
    return new GatewayError('GW_ERR_UPSTREAM_TIMEOUT', { message: `Provider '${providerName}' did not answer in time${tried}.` });
  }
  if (failure.kind === 'connection') {
    return new GatewayError('GW_ERR_UPSTREAM_CONNECTION', { message: `Provider '${providerName}' could not be reached${tried}.` });
  }
  if (failure.status === 429 || failure.status === 503) {
    const options = { message: `Provider '${providerName}' is rate limited or overloaded (HTTP ${failure.status})${tried}.` };
    return new GatewayError('GW_ERR_UPSTREAM_UNAVAILABLE', failure.retryAfterMs === undefined ? options : { ...options, retryAfterMs: failure.retryAfterMs });
  }
  const what = failure.kind === 'pattern' ? 'answered with an error in its stream' : `answered with HTTP ${failure.status ?? 'error'}`;
  return new GatewayError('GW_ERR_UPSTREAM_ERROR', { message: `Provider '${providerName}' ${what}${tried}.` });
}
