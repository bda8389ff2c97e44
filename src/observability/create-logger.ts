import pino, { type DestinationStream, type Logger } from 'pino';
import { createLogDestination } from './create-log-destination.ts';

const censor = '[redacted]';

/**
 * Paths masked wherever they appear in a log record: headers that carry keys, and the config fields that
 * hold provider and client keys. Messages never interpolate values (STYLE.md §8), so these cover it.
 * No wildcard paths: a `*.x` path costs ~3 µs on every line (measured with pino 10), the request line
 * included, and the gateway never logs a config object whole. `provider.api_key` is masked by
 * `maskProviderKey` instead (see there).
 */
export const redactedLogPaths = [
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["api-key"]',
  'headers.cookie',
  'headers["set-cookie"]',
  'masterKey.key',
  'api_key',
  'key',
];

/**
 * `provider` is the provider's name in every request line: a redaction path under it would send that
 * string through pino's redactor on each line (0.25 µs a line alone, ~0.6 µs in the gateway's profile), so a
 * serializer masks the key of a provider config object instead and lets a name through untouched.
 */
function maskProviderKey(provider: unknown): unknown {
  if (typeof provider !== 'object' || provider === null || !('api_key' in provider)) return provider;
  return { ...provider, api_key: censor };
}

/**
 * The one root logger: JSON lines to stdout, written asynchronously so a slow pipe never holds a request
 * (tests pass their own destination). logging/create-configured-logger.ts adds masking and `logging.dir`.
 */
export function createLogger(level: string, destination: DestinationStream = createLogDestination({ fd: 1 })): Logger {
  return pino({ level, base: { service: 'llm-proxy' }, redact: { paths: redactedLogPaths, censor }, serializers: { provider: maskProviderKey } }, destination);
}
