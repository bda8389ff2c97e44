import { ConfigError } from '../../config/config-error.ts';

/** Langfuse's OpenTelemetry endpoint and keys (LANGFUSE_* variables). */
export interface LangfuseSettings {
  readonly publicKey: string;
  readonly secretKey: string;
  /** The Langfuse host; spans go to `<host>/api/public/otel/v1/traces`. */
  readonly host: string;
  /** Share of traces (requests) exported to Langfuse, 0 to 1. */
  readonly sampleRate: number;
  /** Seconds between batch exports. */
  readonly flushIntervalSeconds: number | undefined;
  readonly debug: boolean;
}

/** What tracing the environment asks for; undefined from `readTracingSettings` when it asks for none. */
export interface TracingSettings {
  readonly serviceName: string;
  /** OTLP/HTTP (JSON) traces URL, when OTEL_EXPORTER_OTLP_ENDPOINT or ..._TRACES_ENDPOINT is set. */
  readonly otlpTracesUrl: string | undefined;
  readonly langfuse: LangfuseSettings | undefined;
}

type Environment = Readonly<Record<string, string | undefined>>;

const origin = 'environment';

function isTrue(value: string | undefined): boolean {
  return value !== undefined && ['true', '1', 'yes'].includes(value.trim().toLowerCase());
}

/**
 * Reads the tracing variables: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (the traces URL as is) or
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (`/v1/traces` appended, as the OTLP exporter spec says), `OTEL_SERVICE_NAME`,
 * `OTEL_SDK_DISABLED`; `LANGFUSE_ENABLED` with `LANGFUSE_PUBLIC_KEY`, `LANGFUSE_SECRET_KEY`, `LANGFUSE_HOST`,
 * `LANGFUSE_SAMPLE_RATE`, `LANGFUSE_FLUSH_INTERVAL` (seconds), `LANGFUSE_DEBUG`. Undefined: no tracing at
 * all, and nothing of OpenTelemetry is loaded. Throws ConfigError for values that cannot be used.
 * @see https://opentelemetry.io/docs/specs/otel/protocol/exporter/#endpoint-urls-for-otlphttp
 */
export function readTracingSettings(env: Environment): TracingSettings | undefined {
  if (isTrue(env['OTEL_SDK_DISABLED'])) return undefined;
  const problems: string[] = [];
  const tracesEndpoint = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']?.trim() || undefined;
  const endpoint = env['OTEL_EXPORTER_OTLP_ENDPOINT']?.trim() || undefined;
  const otlpTracesUrl = tracesEndpoint ?? (endpoint === undefined ? undefined : `${endpoint.replace(/\/+$/, '')}/v1/traces`);
  if (otlpTracesUrl !== undefined && !/^https?:\/\//.test(otlpTracesUrl))
    problems.push(`OTEL_EXPORTER_OTLP_ENDPOINT: expected an http:// or https:// URL, got "${otlpTracesUrl}"`);
  let langfuse: LangfuseSettings | undefined;
  if (isTrue(env['LANGFUSE_ENABLED'])) {
    const publicKey = env['LANGFUSE_PUBLIC_KEY'] ?? '';
    const secretKey = env['LANGFUSE_SECRET_KEY'] ?? '';
    if (publicKey === '') problems.push('LANGFUSE_PUBLIC_KEY: required when LANGFUSE_ENABLED is true');
    if (secretKey === '') problems.push('LANGFUSE_SECRET_KEY: required when LANGFUSE_ENABLED is true');
    const host = (env['LANGFUSE_HOST'] ?? env['LANGFUSE_BASE_URL'] ?? 'https://cloud.langfuse.com').replace(/\/+$/, '');
    if (!/^https?:\/\//.test(host)) problems.push(`LANGFUSE_HOST: expected an http:// or https:// URL, got "${host}"`);
    const sampleRate = env['LANGFUSE_SAMPLE_RATE'] === undefined ? 1 : Number(env['LANGFUSE_SAMPLE_RATE']);
    if (!(sampleRate >= 0 && sampleRate <= 1)) problems.push(`LANGFUSE_SAMPLE_RATE: expected a number from 0 to 1, got "${env['LANGFUSE_SAMPLE_RATE']}"`);
    const flushIntervalSeconds = env['LANGFUSE_FLUSH_INTERVAL'] === undefined ? undefined : Number(env['LANGFUSE_FLUSH_INTERVAL']);
    if (flushIntervalSeconds !== undefined && !(flushIntervalSeconds > 0)) {
      problems.push(`LANGFUSE_FLUSH_INTERVAL: expected a positive number of seconds, got "${env['LANGFUSE_FLUSH_INTERVAL']}"`);
    }
    langfuse = { publicKey, secretKey, host, sampleRate, flushIntervalSeconds, debug: isTrue(env['LANGFUSE_DEBUG']) };
  }
  if (problems.length > 0) throw new ConfigError(origin, problems);
  if (otlpTracesUrl === undefined && langfuse === undefined) return undefined;
  return { serviceName: env['OTEL_SERVICE_NAME']?.trim() || 'llm-proxy', otlpTracesUrl, langfuse };
}
