import { type Logger, symbols } from 'pino';

/** The per-request line's fields, in the order they are written (undefined ones are left out, as pino does). */
export interface RequestLineFields {
  readonly requestId: string;
  readonly method: string;
  readonly endpoint: string;
  readonly keyName: string | undefined;
  readonly model: string | undefined;
  readonly upstreamModel: string | undefined;
  readonly provider: string | undefined;
  readonly stream: boolean | undefined;
  readonly translation: string | undefined;
  readonly status: number;
  readonly attempts: number;
  readonly errorCode: string | undefined;
  readonly durationMs: number;
  readonly promptTokens: number | undefined;
  readonly completionTokens: number | undefined;
  readonly totalTokens: number | undefined;
  readonly cachedTokens: number | undefined;
  readonly reasoningTokens: number | undefined;
  readonly tokensEstimated: true | undefined;
}

/** The request line's messages: a 5xx's, at warn, and any other's. The routed destination knows the line by them. */
export const requestFailedMessage = 'request failed';
export const requestFinishedMessage = 'request finished';

/** pino's numeric levels of the two the request line uses. */
const infoLevel = 30;
const warnLevel = 40;

/** The pino internals this writer reads (public symbols: `pino.symbols`). */
interface PinoInternals {
  readonly [symbols.lsCacheSym]: Record<number, string>;
  readonly [symbols.timeSym]: () => string;
  readonly [symbols.timeSliceIndexSym]: number;
  readonly [symbols.chindingsSym]: string;
  readonly [symbols.endSym]: string;
  readonly [symbols.streamSym]: RequestLineStream;
}

interface RequestLineStream {
  write(line: string): unknown;
  readonly [symbols.needsMetadataGsym]?: boolean;
  lastLevel?: number;
  lastObj?: unknown;
  lastMsg?: string;
  lastTime?: string;
  lastLogger?: unknown;
}

/** Printable ASCII but `"` and `\`: text JSON writes as it is, between quotes. */
const needsNoEscape = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * `JSON.stringify(value)`, which costs ~0.1 µs a call even for a short string: a value that needs no
 * escape (every value here but a client's odd model name) is quoted as it is. Nine strings a line:
 * 950 -> 695 ns a line in a micro-benchmark; of eight strings of the kinds the gateway passes (a UUID,
 * literals, a JSON value, a built one), ~1,140 -> ~750 ns, where a loop over the characters gave ~940.
 */
function text(value: string): string {
  return needsNoEscape.test(value) ? `"${value}"` : JSON.stringify(value);
}

/** Quoted forms of the strings request lines repeat (method, endpoint, names from the config, models). */
const quotedStrings = new Map<string, string>();
/** Bounds of that cache: a client naming a new model each time fills it once, with short strings only. */
const maxQuotedStrings = 1024;
const maxQuotedLength = 128;

/**
 * `text(value)` of a string lines repeat, from the cache: a Map lookup instead of the expression. The
 * expression's tests were ~3,000 of the line's ~13,000 instructions (callgrind); the request id, new each
 * time, goes through `text`.
 */
function repeatedText(value: string): string {
  let quoted = quotedStrings.get(value);
  if (quoted === undefined) {
    quoted = text(value);
    if (value.length <= maxQuotedLength && quotedStrings.size < maxQuotedStrings) quotedStrings.set(value, quoted);
  }
  return quoted;
}

function number(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

/** Below this many microseconds (~11 days) a double's ulp is far below 0.001 ms: see `milliseconds`. */
const maxExactMicros = 1e12;

/**
 * `number(value)` for a count of milliseconds with at most three decimals (the line's duration), the same
 * text: whole numbers of milliseconds and microseconds are converted rather than the double, whose
 * shortest-form conversion (V8's FastDtoa) was ~1,300 instructions a line. The same text because the
 * double is the one nearest to that decimal (`micros / 1000 === value`), and below `maxExactMicros` no
 * shorter decimal is as near. Anything else goes to `number`.
 */
function milliseconds(value: number): string {
  const micros = Math.round(value * 1000);
  if (!(micros >= 0 && micros < maxExactMicros && micros / 1000 === value)) return number(value);
  const whole = Math.floor(micros / 1000);
  const fraction = micros - whole * 1000;
  if (fraction === 0) return String(whole);
  if (fraction % 100 === 0) return `${whole}.${fraction / 100}`;
  if (fraction % 10 === 0) return `${whole}.${fraction < 100 ? '0' : ''}${fraction / 10}`;
  return `${whole}.${fraction < 10 ? '00' : fraction < 100 ? '0' : ''}${fraction}`;
}

/**
 * Writes the per-request line ("request finished", or "request failed" at warn for a 5xx) to `logger`'s
 * destination, byte for byte what `logger.info(fields, message)` writes (its level prefix, time and
 * bindings, the fields in order, then `msg`; tested against pino), with the destination's metadata set as
 * pino sets it (the routed destination reads it to mask and to route the line). The line's shape is fixed,
 * so it is one template with `JSON.stringify` of each string: pino walks the object and escapes every key
 * and value on each call, ~5 µs a line in the gateway's profile against ~1 µs for this.
 */
export function writeRequestLine(logger: Logger, fields: RequestLineFields): void {
  const failed = fields.status >= 500;
  const level = failed ? warnLevel : infoLevel;
  if (logger.levelVal > level) return;
  const message = failed ? requestFailedMessage : requestFinishedMessage;
  const internals = logger as unknown as PinoInternals;
  const time = internals[symbols.timeSym]();
  let line = `${internals[symbols.lsCacheSym][level]}${time}${internals[symbols.chindingsSym]},"requestId":${text(fields.requestId)}`;
  line += `,"method":${repeatedText(fields.method)},"endpoint":${repeatedText(fields.endpoint)}`;
  if (fields.keyName !== undefined) line += `,"keyName":${repeatedText(fields.keyName)}`;
  if (fields.model !== undefined) line += `,"model":${repeatedText(fields.model)}`;
  if (fields.upstreamModel !== undefined) line += `,"upstreamModel":${repeatedText(fields.upstreamModel)}`;
  if (fields.provider !== undefined) line += `,"provider":${repeatedText(fields.provider)}`;
  if (fields.stream !== undefined) line += `,"stream":${fields.stream}`;
  if (fields.translation !== undefined) line += `,"translation":${repeatedText(fields.translation)}`;
  line += `,"status":${number(fields.status)},"attempts":${number(fields.attempts)}`;
  if (fields.errorCode !== undefined) line += `,"errorCode":${repeatedText(fields.errorCode)}`;
  line += `,"durationMs":${milliseconds(fields.durationMs)}`;
  if (fields.promptTokens !== undefined) line += `,"promptTokens":${number(fields.promptTokens)}`;
  if (fields.completionTokens !== undefined) line += `,"completionTokens":${number(fields.completionTokens)}`;
  if (fields.totalTokens !== undefined) line += `,"totalTokens":${number(fields.totalTokens)}`;
  if (fields.cachedTokens !== undefined) line += `,"cachedTokens":${number(fields.cachedTokens)}`;
  if (fields.reasoningTokens !== undefined) line += `,"reasoningTokens":${number(fields.reasoningTokens)}`;
  if (fields.tokensEstimated !== undefined) line += ',"tokensEstimated":true';
  line += `,"msg":"${message}"${internals[symbols.endSym]}`;
  const stream = internals[symbols.streamSym];
  if (stream[symbols.needsMetadataGsym] === true) {
    stream.lastLevel = level;
    stream.lastObj = fields;
    stream.lastMsg = message;
    stream.lastTime = time.slice(internals[symbols.timeSliceIndexSym]);
    stream.lastLogger = logger;
  }
  stream.write(line);
}
