import { jsonStringPattern } from '../streaming/json-string-pattern.ts';

/** Usage comes at the end of every answer and usage event: the last bytes are searched first. */
const tailBytes = 4096;

/**
 * The last `"usage": {…}` object in `bytes[start, end)` (an answer body or one stream event's line),
 * parsed; undefined when there is none. Only the usage object is parsed, never the whole answer: the key
 * is found with `lastIndexOf` in the region's last 4 KiB (then, failing that, in all of it), read as
 * latin1 (one byte, one character, so positions stay byte positions; the usage object is ASCII), and its
 * end by one expression (by counting braces outside strings for an object nested deeper than usage is). The last one wins: in every protocol the answer's own usage
 * follows anything echoed before it (a Responses body echoes `tools`, whose schemas may have a property
 * named usage). A `"usage"` inside a string is escaped (`\"usage\"`) and skipped; `"usage": null` is not
 * an object and skipped. ~0.6 µs for a Chat answer, against ~3 µs to JSON.parse the whole small body.
 */
export function findUsageJson(bytes: Buffer, start = 0, end = bytes.length): Record<string, unknown> | undefined {
  const tailStart = Math.max(start, end - tailBytes);
  const found = findUsageInText(bytes.toString('latin1', tailStart, end));
  if (found !== undefined || tailStart === start) return found;
  return findUsageInText(bytes.toString('latin1', start, end));
}

/**
 * After the key: the colon and an object of at most two levels (counts, and `*_details` objects of counts;
 * strings allowed), group 1. Every protocol's usage object is that shape. One sticky expression rather than
 * counting braces character by character: in the gateway's optimized code that loop called V8's LoadIC
 * builtin on every character, ~8,000 instructions per streamed request (callgrind, attributed through
 * `--perf-basic-prof`) of the ~22,000 that picking up usage adds. The alternatives inside each loop start
 * with different characters, so a failing match backtracks linearly. Strings are JSON's own
 * (json-string-pattern.ts). A deeper object, an invalid string, or no object is left to the brace counter
 * below.
 */
const usageObjectAfterKey = new RegExp(String.raw`[ \t\r\n]*:[ \t\r\n]*(\{(?:[^{}"]|${jsonStringPattern}|\{(?:[^{}"]|${jsonStringPattern})*\})*\})`, 'y');

/**
 * Keys read before giving up. Each read may run to the end of the text (an object or string that never
 * closes), so reading every key made a text of many unclosed ones quadratic: a megabyte of them took
 * minutes. The answer's own usage is the last key or close to it in every protocol (a `"usage": null`
 * per Chat chunk, a tool schema's property named usage, come before it).
 */
const maxKeysRead = 8;

/** findUsageJson on text already decoded as latin1 (or any text whose usage object is ASCII). */
export function findUsageInText(text: string): Record<string, unknown> | undefined {
  let at = text.lastIndexOf('"usage"');
  let keysRead = 0;
  while (at !== -1 && keysRead < maxKeysRead) {
    if (at === 0 || text.charCodeAt(at - 1) !== 0x5c) {
      keysRead += 1;
      const parsed = readObjectAfterKey(text, at + 7);
      if (parsed !== undefined) return parsed;
    }
    at = at === 0 ? -1 : text.lastIndexOf('"usage"', at - 1);
  }
  return undefined;
}

/** The object after the key ending at `from`, parsed; undefined when the value is not a whole object. */
function readObjectAfterKey(text: string, from: number): Record<string, unknown> | undefined {
  usageObjectAfterKey.lastIndex = from;
  const match = usageObjectAfterKey.exec(text);
  if (match !== null) return parseObject(match[1] as string);
  const open = objectStart(text, from);
  if (open === -1) return undefined;
  const close = objectEnd(text, open);
  return close === -1 ? undefined : parseObject(text.slice(open, close + 1));
}

/** After a key: optional whitespace, `:`, optional whitespace, `{`; the brace's index or -1. */
function objectStart(text: string, from: number): number {
  let index = skipWhitespace(text, from);
  if (text.charCodeAt(index) !== 0x3a) return -1;
  index = skipWhitespace(text, index + 1);
  return text.charCodeAt(index) === 0x7b ? index : -1;
}

function skipWhitespace(text: string, from: number): number {
  let index = from;
  for (;;) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return index;
    index += 1;
  }
}

/** The index of the `}` closing the object opened at `open`, or -1 when it does not close in `text`. */
function objectEnd(text: string, open: number): number {
  let depth = 0;
  let inString = false;
  for (let index = open; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index += 1;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b) depth += 1;
    else if (code === 0x7d) {
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
