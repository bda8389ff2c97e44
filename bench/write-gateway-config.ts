import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GatewayConfigOptions {
  directory: string;
  port: number;
  /** The mock's API base, e.g. http://127.0.0.1:9000/v1. */
  upstreamApiBase: string;
  apiKey: string;
}

/**
 * The gateway's default configuration for the bench: one OpenAI-type provider pointing at the mock, and
 * one key with a rate limit too high to bite (so that the limiter runs on every request without
 * rejecting any). Returns the path of the YAML file.
 */
export function writeGatewayConfig(options: GatewayConfigOptions): string {
  const path = join(options.directory, 'gateway-bench.yaml');
  const yaml = [
    `server: { host: 127.0.0.1, port: ${options.port} }`,
    'providers:',
    `  - { name: mock, type: openai, api_base: "${options.upstreamApiBase}", api_key: sk-upstream-bench }`,
    'master_keys:',
    `  - { name: bench, key: ${options.apiKey}, rate_limit: { requests_per_second: 1000000, burst_size: 1000000 } }`,
    '',
  ].join('\n');
  writeFileSync(path, yaml);
  return path;
}
