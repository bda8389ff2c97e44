/** What a masked secret is replaced with (the same word pino's redaction writes). */
export const maskedSecret = '[redacted]';

/** Shortest configured secret masked by its exact value: a shorter one would mask ordinary words. */
const minimumKnownSecretLength = 8;

/**
 * Key-shaped strings: OpenAI's and Anthropic's `sk-…`/`sk-ant-…` and other `sk-` keys (not when the `sk-` ends a
 * word such as `task-…`), and bearer tokens.
 */
const keyShapedPattern = /(?<![A-Za-z0-9])sk-[A-Za-z0-9_-]{6,}|(?<=\bBearer\s+)[A-Za-z0-9._~+/=-]{6,}/gi;

/**
 * A JSON field that carries a secret, its value masked: `"api_key":"…"`, `"authorization":"…"`, also when
 * the JSON is itself escaped inside a logged string (`\"api_key\":\"…\"`, an upstream error body).
 */
const secretFieldPattern =
  /(\\*"(?:api[_-]?key|x-api-key|authorization|proxy-authorization|secret[_-]?key|client[_-]?secret|password)\\*"\s*:\s*\\*")([^"\\]*)/gi;

/** Cheap first look, case-insensitive: a line without any of these has nothing to mask. */
const suspectWords = ['sk-', 'bearer', 'api_key', 'api-key', 'apikey', 'authorization', 'secret', 'password'];

export type SecretMasker = (text: string) => string;

/**
 * Whether one short field value (a model name, a request id) could hold a secret: a `sk-` key or exactly a
 * configured one. Some 10 ns, against ~0.4 µs for the masker's test of a whole request line.
 */
export type SecretFieldCheck = (value: unknown) => boolean;

export function createSecretFieldCheck(knownSecrets: readonly string[]): SecretFieldCheck {
  const secrets = new Set(knownSecrets);
  return (value) => typeof value === 'string' && (value.includes('sk-') || secrets.has(value));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Masks secrets in a log line or journal record: key-shaped strings, secret JSON fields and the exact
 * values of `knownSecrets` (configured client and provider keys, the Langfuse secret key). A line is first
 * tested with one regular expression (~0.4 µs for a request line, so the log destination
 * checks that line's client-given fields instead: logging/create-routed-log-destination.ts); only a line that matches is rewritten.
 */
export function createSecretMasker(knownSecrets: readonly string[]): SecretMasker {
  const secrets = [...new Set(knownSecrets.filter((secret) => secret.length >= minimumKnownSecretLength))]
    // The longest first, so that a key containing another is masked whole.
    .sort((left, right) => right.length - left.length)
    .map(escapeRegExp);
  const knownPattern = secrets.length === 0 ? undefined : new RegExp(secrets.join('|'), 'g');
  const suspect = new RegExp([...suspectWords.map(escapeRegExp), ...secrets].join('|'), 'i');
  return (text) => {
    if (!suspect.test(text)) return text;
    let masked = knownPattern === undefined ? text : text.replace(knownPattern, maskedSecret);
    masked = masked.replace(keyShapedPattern, maskedSecret);
    return masked.replace(secretFieldPattern, `$1${maskedSecret}`);
  };
}
