const usageKey = Buffer.from('"usage"');
const backslash = 0x5c;
const quote = 0x22;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const colon = 0x3a;

/**
 * The last `"usage": {…}` object in `bytes[start, end)` (an answer body or one stream event's line),
 * parsed; undefined when there is none. Only the usage object is parsed, never the whole answer: found
 * with the native `lastIndexOf`, its end by counting braces outside strings. The last one wins: in every
 * protocol the answer's own usage follows anything echoed before it (a Responses body echoes `tools`,
 * whose schemas may have a property named usage). A `"usage"` inside a string is escaped (`\"usage\"`)
 * and skipped; `"usage": null` is not an object and skipped.
 */
export function findUsageJson(bytes: Buffer, start = 0, end = bytes.length): Record<string, unknown> | undefined {
  let at = end - usageKey.length < start ? -1 : bytes.lastIndexOf(usageKey, end - usageKey.length);
  while (at >= start) {
    const open = at > start && bytes[at - 1] === backslash ? -1 : objectStart(bytes, at + usageKey.length, end);
    if (open !== -1) {
      const close = objectEnd(bytes, open, end);
      if (close !== -1) {
        const parsed = parseObject(bytes.toString('utf8', open, close + 1));
        if (parsed !== undefined) return parsed;
      }
    }
    at = at === 0 ? -1 : bytes.lastIndexOf(usageKey, at - 1);
  }
  return undefined;
}

/** After a key: optional whitespace, `:`, optional whitespace, `{`; the brace's index or -1. */
function objectStart(bytes: Buffer, from: number, end: number): number {
  let index = skipWhitespace(bytes, from, end);
  if (bytes[index] !== colon) return -1;
  index = skipWhitespace(bytes, index + 1, end);
  return index < end && bytes[index] === openBrace ? index : -1;
}

function skipWhitespace(bytes: Buffer, from: number, end: number): number {
  let index = from;
  while (index < end) {
    const byte = bytes[index];
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) break;
    index += 1;
  }
  return index;
}

/** The index of the `}` closing the object opened at `open`, or -1 when it does not close before `end`. */
function objectEnd(bytes: Buffer, open: number, end: number): number {
  let depth = 0;
  let inString = false;
  for (let index = open; index < end; index += 1) {
    const byte = bytes[index];
    if (inString) {
      if (byte === backslash) index += 1;
      else if (byte === quote) inString = false;
    } else if (byte === quote) inString = true;
    else if (byte === openBrace) depth += 1;
    else if (byte === closeBrace) {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  return -1;
}

/** Text from the network: parsed without throwing; only a plain object is kept. */
function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
