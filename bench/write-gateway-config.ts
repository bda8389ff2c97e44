import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `off`: no rate limit at all; `memory`: every limit on, in the process; `redis`: the same buckets in Redis. */
export type GatewayLimits = 'off' | 'memory' | 'redis';

export interface GatewayConfigOptions {
  directory: string;
  port: number;
  /** The mock's API base, e.g. http://127.0.0.1:9000/v1. */
  upstreamApiBase: string;
  apiKey: string;
  limits?: GatewayLimits;
  /** With `limits: redis`. */
  redisUrl?: string;
  /** Metrics and logging off: `metrics.enabled: false`, `logging.level: silent`. */
  quiet?: boolean;
}

/** High enough never to refuse a bench request: the limiter runs on every request without biting. */
const neverBites = 1_000_000;

/**
 * The gateway's configuration for the bench: one OpenAI-type provider pointing at the mock and one key;
 * with `limits`, every rate limit on (global, per IP, per model, the key's requests and tokens per
 * minute), each too high to refuse anything; with `quiet`, metrics and logging off. Returns the path of the YAML file.
 */
export function writeGatewayConfig(options: GatewayConfigOptions): string {
  const limits = options.limits ?? 'off';
  const path = join(options.directory, `gateway-bench-${limits}${options.quiet === true ? '-quiet' : ''}.yaml`);
  const keyLimits =
    limits === 'off' ? '' : `, rate_limit: { requests_per_second: ${neverBites}, burst_size: ${neverBites} }, tokens_per_minute: ${neverBites * 60}`;
  const yaml = [
    `server: { host: 127.0.0.1, port: ${options.port} }`,
    'providers:',
    `  - { name: mock, type: openai, api_base: "${options.upstreamApiBase}", api_key: sk-upstream-bench }`,
    'master_keys:',
    `  - { name: bench, key: ${options.apiKey}${keyLimits} }`,
    ...(limits === 'off' ? [] : [`rate_limit: { global_rps: ${neverBites}, per_ip_rps: ${neverBites}, per_model_rps: { "gpt-4o-mini": ${neverBites} } }`]),
    ...(limits === 'redis' ? [`redis: { url: "${options.redisUrl ?? 'redis://127.0.0.1:6379'}", key_prefix: "llm-proxy-bench:" }`] : []),
    ...(options.quiet === true ? ['metrics: { enabled: false }', 'logging: { level: silent }'] : []),
    '',
  ].join('\n');
  writeFileSync(path, yaml);
  return path;
}
