import { z } from 'zod';
import { compileModelPattern } from './compile-model-pattern.ts';
import { parseByteSize } from './parse-byte-size.ts';
import { parseDuration } from './parse-duration.ts';

/**
 * The one definition of the config file (docs/configuration.md). Types come from z.infer; defaults live
 * here; every object is strict so that an unknown key is an error with its path. Later issues add
 * sections (fallback, detection, rate_limit, concurrency, timeouts, proxy, logging.*) as new keys of
 * `gatewayConfigSchema`.
 */

/** A duration: seconds as a number, or a string such as `500ms`, `30s`, `10m`, `1h`. Parsed to milliseconds. */
export const durationSchema = z.union([z.number().nonnegative(), z.string()]).transform((value, context) => {
  const milliseconds = typeof value === 'number' ? value * 1000 : parseDuration(value);
  if (milliseconds === undefined) {
    context.addIssue({ code: 'custom', message: `expected a duration such as 30s, 500ms or 10m, got "${value}"` });
    return z.NEVER;
  }
  return milliseconds;
});

/** A size: bytes as a number, or a string such as `10MiB`, `512KiB`, `1MB`. Parsed to bytes. */
export const byteSizeSchema = z.union([z.number().int().positive(), z.string()]).transform((value, context) => {
  const bytes = typeof value === 'number' ? value : parseByteSize(value);
  if (bytes === undefined) {
    context.addIssue({ code: 'custom', message: `expected a size such as 10MiB or 1048576, got "${value}"` });
    return z.NEVER;
  }
  return bytes;
});

export const providerTypeSchema = z.enum(['openai', 'anthropic', 'mock']);

/**
 * Upstream timeouts (docs/routing.md "Timeouts"). Each aborts the attempt, which then fails over.
 * `first_byte` runs until the response head: for a non-streamed answer that is the whole generation.
 */
export const timeoutsConfigSchema = z.strictObject({
  /** TCP (and TLS) connection set-up. */
  connect: durationSchema.default(10_000),
  /** From the request sent to the response head. */
  first_byte: durationSchema.default(300_000),
  /** Longest silence between two chunks of the body (a stream's events). */
  idle: durationSchema.default(120_000),
  /** The whole attempt, head and body. */
  total: durationSchema.default(600_000),
});

/** Per-provider overrides: any subset of `timeouts`. */
const providerTimeoutsConfigSchema = z.strictObject({
  connect: durationSchema.optional(),
  first_byte: durationSchema.optional(),
  idle: durationSchema.optional(),
  total: durationSchema.optional(),
});

const positiveNumber = z.number({ error: 'expected a positive number' }).positive({ error: 'expected a positive number' });

export const providerConfigSchema = z.strictObject({
  name: z.string().min(1),
  type: providerTypeSchema,
  /** Base URL up to and including the version segment for OpenAI (`https://api.openai.com/v1`). */
  api_base: z.url({ protocol: /^https?$/ }).optional(),
  api_key: z.string().optional(),
  weight: positiveNumber.default(1),
  priority: z.number().int().nonnegative().default(1),
  enabled: z.boolean().default(true),
  /** Overrides the top-level verify_ssl for this provider. */
  verify_ssl: z.boolean().optional(),
  /** client model -> upstream model; exact keys first, then anchored regex / `*` wildcard keys in order. */
  model_mapping: z.record(z.string(), z.string()).optional(),
  /** Which OpenAI API an `openai` provider is called with: Chat Completions (default) or Responses. */
  wire_api: z.enum(['chat', 'responses']).optional(),
  /**
   * The largest output cap its models take: a translated request asking for more is lowered to it (Claude
   * Code asks for 128k output tokens, which most OpenAI models refuse).
   */
  max_output_tokens: z.number().int().positive().optional(),
  /** Overrides of the top-level `timeouts` for this provider. */
  timeouts: providerTimeoutsConfigSchema.optional(),
});

export const rateLimitConfigSchema = z.union([
  z
    .number()
    .nonnegative()
    .transform((rps) => ({ requests_per_second: rps, burst_size: rps })),
  z
    .strictObject({
      requests_per_second: z.number().nonnegative(),
      burst_size: z.number().nonnegative().optional(),
    })
    .transform((limit) => ({
      requests_per_second: limit.requests_per_second,
      burst_size: limit.burst_size ?? limit.requests_per_second,
    })),
]);

export const masterKeyConfigSchema = z.strictObject({
  name: z.string().min(1),
  /** The key itself; or `key_hash` instead (exactly one of the two). */
  key: z.string().min(1).optional(),
  /** SHA-256 of the key, hex (src/auth/hash-api-key.ts): how DB mode (docs/storage.md) keeps keys. */
  key_hash: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits (SHA-256)')
    .optional(),
  /** Globs on the client-facing model name (`*` matches any run of characters). */
  allowed_models: z.array(z.string().min(1)).default(['*']),
  enabled: z.boolean().default(true),
  /** Absent = unlimited; 0/0 blocks every request. */
  rate_limit: rateLimitConfigSchema.optional(),
  /** Prompt + completion tokens per minute (charged with the real usage after each answer); absent = unlimited. */
  tokens_per_minute: z.number().int().positive().optional(),
});

export const modelRouteConfigSchema = z.strictObject({
  provider: z.string().min(1),
  model: z.string().min(1),
  priority: z.number().int().nonnegative().default(1),
  weight: positiveNumber.default(1),
});

export const modelAliasConfigSchema = z.strictObject({
  routes: z.array(modelRouteConfigSchema).min(1),
});

export const serverConfigSchema = z.strictObject({
  host: z.string().min(1).default('0.0.0.0'),
  port: z.number().int().min(0).max(65535).default(18000),
  /** Largest request body accepted; larger bodies get 413. */
  body_limit: byteSizeSchema.default(10 * 1024 * 1024),
  /** How long SIGTERM/SIGINT waits for in-flight requests and streams before closing them. */
  shutdown_timeout: durationSchema.default(30_000),
  /** Behind a load balancer: take the client's IP from the first X-Forwarded-For entry (per-IP limits, logs). */
  trust_proxy: z.boolean().default(false),
});

/** Requests per second; the burst is `ceil(rps * burst_factor)`. */
export const rateLimitSectionSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Every proxied request together; absent = unlimited. */
  global_rps: z.number().positive().optional(),
  /** Per client IP (server.trust_proxy for X-Forwarded-For); absent = unlimited. */
  per_ip_rps: z.number().positive().optional(),
  burst_factor: z.number().min(1).default(1),
  /** Client-facing model name -> requests per second. */
  per_model_rps: z.record(z.string().min(1), z.number().positive()).default({}),
});

/** Shared state for several instances: rate-limit buckets and cooldowns live in Redis (REDIS_URL env). */
export const redisConfigSchema = z.strictObject({
  /** `redis://host:port/db`; absent or empty (`${REDIS_URL:-}` unset) = everything in this process's memory. */
  url: z.union([z.literal('').transform(() => undefined), z.string().regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')]).optional(),
  /** Prefix of every key the gateway writes, so instances of different gateways can share one Redis. */
  key_prefix: z.string().default('llm-proxy:'),
  /** Longest wait for one Redis command; past it the limit is not enforced for that request (fail open). */
  command_timeout: durationSchema.default(250),
});

export const concurrencyConfigSchema = z.strictObject({
  enabled: z.boolean().default(false),
  /** Proxied requests in flight at once (a stream holds its slot until it ends or the client leaves). */
  max_requests: z.number().int().positive().default(500),
  /** Requests waiting for a slot, first in first out; more are refused at once (503). */
  max_queue_size: z.number().int().nonnegative().default(1000),
  /** How long a request may wait for a slot (503 after). */
  queue_timeout: durationSchema.default(30_000),
  /** Requests in flight per provider; a provider at its limit is skipped by routing unless it is the only one. */
  per_backend_limit: z.number().int().positive().optional(),
});

export const fallbackConfigSchema = z.strictObject({
  /** How long a failed provider is skipped (longer when its Retry-After says so). */
  cooldown_seconds: z.number().nonnegative().default(60),
  /** Further attempts after the first, across providers and fallback aliases. */
  max_retries: z.number().int().nonnegative().default(2),
  /** alias -> aliases tried in order when every route of the alias failed (L2). */
  alias_fallback: z.record(z.string().min(1), z.array(z.string().min(1))).default({}),
});

/** `429`, `503`, or a class: `4xx`, `5xx`. */
const statusRuleSchema = z.union([
  z.number().int().min(100).max(599).transform(String),
  z.string().regex(/^([1-5]xx|[1-5]\d\d)$/i, 'expected a status such as 429 or a class such as 5xx'),
]);

export const detectionConfigSchema = z.strictObject({
  /** Upstream statuses that count as the provider failing (failover, cooldown), not as the client's fault. */
  error_codes: z.array(statusRuleSchema).default(['429', '5xx']),
  /** Substrings of an error body, or of a stream's first event, that count as the provider failing. */
  error_patterns: z.array(z.string().min(1)).default([]),
});

export const healthChecksConfigSchema = z.strictObject({
  /** Probe every enabled provider periodically (`GET …/models`); a failed probe cools the provider down. */
  enabled: z.boolean().default(false),
  interval: durationSchema.default(60_000),
  /** One probe's limit. */
  timeout: durationSchema.default(10_000),
});

export const proxyConfigSchema = z.strictObject({
  /** Prepend `<system_prompts_dir>/<model alias>.txt` to the system prompt of requests for that model. */
  enable_system_prompt: z.boolean().default(false),
  /** Relative paths are resolved against the working directory. */
  system_prompts_dir: z.string().min(1).default('./system_prompts'),
  /** Send the client's address upstream in `X-Forwarded-For`. */
  forward_client_ip: z.boolean().default(true),
});

/** `logging.jsonl`: the request journal (docs/observability-logs.md). */
export const journalConfigSchema = z.strictObject({
  enabled: z.boolean().default(false),
  path: z.string().min(1).default('./logs/requests.jsonl'),
  /** Records held for writing; past it new records are dropped and counted, never buffered without limit. */
  buffer_size: z.number().int().positive().default(1000),
});

export const loggingConfigSchema = z.strictObject({
  level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Also write `requests.log` (the per-request lines) and `errors.log` (warn and above) here, rotated. */
  dir: z.string().min(1).optional(),
  /** Mask keys, key headers and `sk-…` strings in every log line and journal record. */
  mask_sensitive: z.boolean().default(true),
  /** Rotated files in `dir` older than this many days are deleted. */
  max_age_days: z.number().int().positive().default(7),
  /** A log file is rotated once it reaches this size (and at midnight UTC). */
  max_file_size: byteSizeSchema.default(100 * 1024 * 1024),
  jsonl: journalConfigSchema.default(journalConfigSchema.parse({})),
});

/** `metrics`: the Prometheus endpoint and the per-request metrics (docs/observability.md). Restart-only. */
export const metricsConfigSchema = z.strictObject({
  /** false: no `/metrics` (404), no per-request metrics and no process metrics; logs, journal and tracing are unaffected. */
  enabled: z.boolean().default(true),
});

const gatewayConfigObjectSchema = z.strictObject({
  server: serverConfigSchema.default(serverConfigSchema.parse({})),
  verify_ssl: z.boolean().default(true),
  /** `Proxy/gpt-4` -> `gpt-4` when provider_suffix is `Proxy`. */
  provider_suffix: z.string().min(1).optional(),
  providers: z.array(providerConfigSchema).default([]),
  /** Alias `credentials` (renamed on load). None configured = open gateway. */
  master_keys: z.array(masterKeyConfigSchema).default([]),
  models: z.record(z.string().min(1), modelAliasConfigSchema).default({}),
  proxy: proxyConfigSchema.default(proxyConfigSchema.parse({})),
  rate_limit: rateLimitSectionSchema.default(rateLimitSectionSchema.parse({})),
  redis: redisConfigSchema.default(redisConfigSchema.parse({})),
  concurrency: concurrencyConfigSchema.default(concurrencyConfigSchema.parse({})),
  fallback: fallbackConfigSchema.default(fallbackConfigSchema.parse({})),
  detection: detectionConfigSchema.default(detectionConfigSchema.parse({})),
  timeouts: timeoutsConfigSchema.default(timeoutsConfigSchema.parse({})),
  health_checks: healthChecksConfigSchema.default(healthChecksConfigSchema.parse({})),
  logging: loggingConfigSchema.default(loggingConfigSchema.parse({})),
  metrics: metricsConfigSchema.default(metricsConfigSchema.parse({})),
});

export const gatewayConfigSchema = gatewayConfigObjectSchema.superRefine(checkCrossReferences);

/** What one field cannot say about another: unique names, routes naming real providers, valid patterns. */
function checkCrossReferences(config: z.output<typeof gatewayConfigObjectSchema>, context: z.RefinementCtx): void {
  const providerNames = new Set<string>();
  config.providers.forEach((provider, index) => {
    if (providerNames.has(provider.name)) {
      context.addIssue({ code: 'custom', path: ['providers', index, 'name'], message: `duplicate provider name "${provider.name}"` });
    }
    providerNames.add(provider.name);
    if (provider.wire_api === 'responses' && provider.type !== 'openai') {
      context.addIssue({ code: 'custom', path: ['providers', index, 'wire_api'], message: 'only an openai provider can use wire_api "responses"' });
    }
    for (const pattern of Object.keys(provider.model_mapping ?? {})) {
      const problem = findModelPatternProblem(pattern);
      if (problem !== undefined) {
        context.addIssue({ code: 'custom', path: ['providers', index, 'model_mapping', pattern], message: problem });
      }
    }
  });
  const keyNames = new Set<string>();
  const keys = new Set<string>();
  config.master_keys.forEach((masterKey, index) => {
    if (keyNames.has(masterKey.name)) {
      context.addIssue({ code: 'custom', path: ['master_keys', index, 'name'], message: `duplicate key name "${masterKey.name}"` });
    }
    const keyOrHash = masterKey.key ?? masterKey.key_hash;
    if ((masterKey.key === undefined) === (masterKey.key_hash === undefined)) {
      context.addIssue({ code: 'custom', path: ['master_keys', index, 'key'], message: 'expected either key or key_hash (not both)' });
    } else if (keyOrHash !== undefined && keys.has(keyOrHash)) {
      context.addIssue({ code: 'custom', path: ['master_keys', index, 'key'], message: 'the same key is configured twice' });
    }
    keyNames.add(masterKey.name);
    if (keyOrHash !== undefined) keys.add(keyOrHash);
  });
  if (config.health_checks.enabled && config.health_checks.interval <= 0) {
    context.addIssue({ code: 'custom', path: ['health_checks', 'interval'], message: 'expected a duration above 0' });
  }
  for (const [alias, fallbacks] of Object.entries(config.fallback.alias_fallback)) {
    fallbacks.forEach((fallback, index) => {
      if (fallback === alias)
        context.addIssue({ code: 'custom', path: ['fallback', 'alias_fallback', alias, index], message: 'an alias cannot fall back to itself' });
    });
  }
  for (const [alias, aliasConfig] of Object.entries(config.models)) {
    aliasConfig.routes.forEach((route, index) => {
      if (!providerNames.has(route.provider)) {
        context.addIssue({
          code: 'custom',
          path: ['models', alias, 'routes', index, 'provider'],
          message: `no provider named "${route.provider}"`,
        });
      }
    });
  }
}

/** A model_mapping key must compile as a pattern (compile-model-pattern.ts). */
function findModelPatternProblem(pattern: string): string | undefined {
  try {
    compileModelPattern(pattern);
    return undefined;
  } catch (error) {
    return `invalid pattern: ${(error as Error).message}`;
  }
}

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
export type ProviderConfig = z.output<typeof providerConfigSchema>;
export type ProviderType = z.output<typeof providerTypeSchema>;
export type ProxyConfig = z.output<typeof proxyConfigSchema>;
export type TimeoutsConfig = z.output<typeof timeoutsConfigSchema>;
export type DetectionConfig = z.output<typeof detectionConfigSchema>;
export type FallbackConfig = z.output<typeof fallbackConfigSchema>;
export type RateLimitSectionConfig = z.output<typeof rateLimitSectionSchema>;
export type RedisConfig = z.output<typeof redisConfigSchema>;
export type MasterKeyConfig = z.output<typeof masterKeyConfigSchema>;
export type LoggingConfig = z.output<typeof loggingConfigSchema>;
export type JournalConfig = z.output<typeof journalConfigSchema>;
export type ModelAliasConfig = z.output<typeof modelAliasConfigSchema>;
export type ModelRouteConfig = z.output<typeof modelRouteConfigSchema>;
