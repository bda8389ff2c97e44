import { errorCatalogue, type GatewayErrorCode } from './error-catalogue.ts';

export interface GatewayErrorOptions {
  /** Client-safe message; defaults to the catalogue's. Never carries secrets or upstream bodies. */
  message?: string;
  /** The request field at fault, for OpenAI's `param`. */
  param?: string;
  retryAfterMs?: number;
  /** Which limit refused a 429/503 (`key`, `tokens`, `global`, `ip`, `model`, `queue`): the rejection metric's label. */
  limit?: string;
  cause?: unknown;
  /** For logs only, never sent to the client. */
  upstream?: { provider: string; status?: number; body?: string };
}

/** The one error type the gateway answers with; each ingress protocol renders it in its own body shape. */
export class GatewayError extends Error {
  readonly code: GatewayErrorCode;
  readonly status: number;
  readonly param: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly limit: string | undefined;
  readonly upstream: GatewayErrorOptions['upstream'];

  constructor(code: GatewayErrorCode, options: GatewayErrorOptions = {}) {
    super(options.message ?? errorCatalogue[code].message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.param = options.param;
    this.retryAfterMs = options.retryAfterMs;
    this.limit = options.limit;
    this.upstream = options.upstream;
  }

  /** Whether another provider could answer where this one failed (timeouts, connection errors, 429, 5xx). */
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

/** Anything thrown that is not a GatewayError becomes GW_ERR_INTERNAL with a generic message. */
export function toGatewayError(error: unknown): GatewayError {
  return error instanceof GatewayError ? error : new GatewayError('GW_ERR_INTERNAL', { cause: error });
}
