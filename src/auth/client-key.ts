import type { MasterKeyConfig } from '../config/gateway-config-schema.ts';

/** A configured client key, ready for the hot path. The key itself is not kept. */
export interface ClientKey {
  readonly name: string;
  readonly enabled: boolean;
  readonly rateLimit: MasterKeyConfig['rate_limit'];
  /** Prompt + completion tokens per minute; undefined = unlimited. */
  readonly tokensPerMinute: number | undefined;
  /** `*` alone: every model, with no pattern test. */
  readonly allowsEveryModel: boolean;
  readonly allowedModelPatterns: readonly RegExp[];
}

export function isModelAllowed(clientKey: ClientKey, model: string): boolean {
  return clientKey.allowsEveryModel || clientKey.allowedModelPatterns.some((pattern) => pattern.test(model));
}
