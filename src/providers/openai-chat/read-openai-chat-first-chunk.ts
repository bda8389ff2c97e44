import { jsonStringPattern, plainJsonStringPattern } from '../../streaming/json-string-pattern.ts';
import { skippedMemberPattern } from './openai-chat-event-patterns.ts';

const skippedMember = skippedMemberPattern(true);
/**
 * Chat's first chunk as OpenAI serializes it (no whitespace): choice 0 with the role and the first text
 * (often ""), `refusal: null` or not, and no finish; group 1 is the text's JSON string literal. `id` and
 * `model` are among the skipped members, which are scalars.
 */
const firstChunk = new RegExp(
  String.raw`^\{(?:${skippedMember},)*"choices":\[\{"index":0,"delta":\{"role":${plainJsonStringPattern},"content":(${jsonStringPattern})(?:,"refusal":null)?\},"logprobs":null,"finish_reason":null\}\](?:,${skippedMember})*\}$`,
);

/** What the decoder reads of a stream's first chunk. */
export interface OpenAIChatFirstChunk {
  readonly id: string;
  readonly model: string;
  readonly content: string;
}

/**
 * A stream's first chunk (role and first text, nothing else the decoder uses) read without parsing the
 * whole event; undefined for any other shape, which takes the full path (JSON.parse, readOpenAIChatChunk).
 * Every chunk it reads, the full path reads the same: `id` and `model` (the last of each, as JSON.parse
 * keeps; '' when absent) and choice 0's content. The skipped members' strings hold no quote or backslash
 * and the content's quotes are escaped, so `"id":"` is found only as a member's key.
 *
 * Why: that JSON.parse of a ~250-byte event was the last whole-event parse of a translated Chat text
 * stream (bench/translation-stages.bench.ts).
 */
export function readOpenAIChatFirstChunk(data: string): OpenAIChatFirstChunk | undefined {
  const match = firstChunk.exec(data);
  if (match === null) return undefined;
  let content: string;
  try {
    content = JSON.parse(match[1] as string) as string;
  } catch {
    return undefined;
  }
  return { id: lastMemberText(data, '"id":"'), model: lastMemberText(data, '"model":"'), content };
}

/** The text of the last top-level string member `key` (`"name":"`), or '' when there is none. */
function lastMemberText(data: string, key: string): string {
  const at = data.lastIndexOf(key);
  if (at === -1) return '';
  const start = at + key.length;
  return data.slice(start, data.indexOf('"', start));
}
