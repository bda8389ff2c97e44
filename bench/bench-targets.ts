import type { TargetName } from './target-result.ts';
import type { GatewayLimits } from './write-gateway-config.ts';

/** The protocol a target's client speaks: what the cells send and what the preflight expects back. */
export type ClientProtocol = 'openai-chat' | 'anthropic-messages';

export interface BenchTargetDefinition {
  /** Shown under the results table. */
  readonly description: string;
  /** The process under test: none (wrk talks to the mock), bench/pass-through.ts, or src/main.ts. */
  readonly process: 'none' | 'pass-through' | 'gateway';
  readonly clientProtocol: ClientProtocol;
  /** The gateway's config (write-gateway-config.ts): no limits, or every rate limit on in memory or in Redis. */
  readonly limits?: GatewayLimits;
  /** The gateway with `metrics.enabled: false` and `logging.level: silent`: "everything off" (issue 6). */
  readonly quiet?: true;
}

/** Every target, in the order they run: direct first, since the others' added latency is measured against it. */
export const benchTargets = {
  direct: {
    description: 'wrk → mock upstream, no proxy (the ceiling)',
    process: 'none',
    clientProtocol: 'openai-chat',
  },
  'pass-through': {
    description: 'bench/pass-through.ts, a minimal Node proxy (the yardstick), POST /v1/chat/completions',
    process: 'pass-through',
    clientProtocol: 'openai-chat',
  },
  gateway: {
    description: 'gateway, OpenAI client → OpenAI provider (fast path), POST /v1/chat/completions',
    process: 'gateway',
    clientProtocol: 'openai-chat',
  },
  'gateway-translated': {
    description: 'gateway, Anthropic client → OpenAI provider (translated), POST /v1/messages',
    process: 'gateway',
    clientProtocol: 'anthropic-messages',
  },
  'gateway-quiet': {
    description: 'gateway fast path with metrics and logging off (metrics.enabled false, logging.level silent): nothing reads usage, answers relayed untouched',
    process: 'gateway',
    clientProtocol: 'openai-chat',
    quiet: true,
  },
  'gateway-limits': {
    description: 'gateway fast path with every rate limit on, in memory (global, per IP, per model, key rps and tokens per minute; none bites)',
    process: 'gateway',
    clientProtocol: 'openai-chat',
    limits: 'memory',
  },
  'gateway-limits-redis': {
    description: 'gateway-limits with the buckets in Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379)',
    process: 'gateway',
    clientProtocol: 'openai-chat',
    limits: 'redis',
  },
} as const satisfies Record<TargetName, BenchTargetDefinition>;

export const allTargetNames: readonly TargetName[] = [
  'direct',
  'pass-through',
  'gateway',
  'gateway-translated',
  'gateway-quiet',
  'gateway-limits',
  'gateway-limits-redis',
];
