import type { ProviderConfig } from '../config/gateway-config-schema.ts';

/** One upstream to try: which provider, and the model name that provider must see. */
export interface RouteTarget {
  /** The provider's own config object (the loader deep-freezes it; the routing table never copies or changes it). */
  readonly provider: ProviderConfig;
  /** The model name sent upstream: the alias route's `model`, the mapped value, or the client's name unchanged. */
  readonly upstreamModel: string;
  readonly priority: number;
  readonly weight: number;
}

/** The answer to "where does this request go": every target to try, in order. Shared and frozen; never mutate. */
export interface RoutePlan {
  /** The model exactly as the client sent it. */
  readonly requestedModel: string;
  /** After provider_suffix stripping: the client-facing name used for auth checks and metric labels. */
  readonly model: string;
  /** Set when a `models:` alias gave the routes. */
  readonly alias: string | undefined;
  /** Ordered; attempts[0] is the chosen target, the rest are fallbacks. Never empty. */
  readonly attempts: readonly RouteTarget[];
}
