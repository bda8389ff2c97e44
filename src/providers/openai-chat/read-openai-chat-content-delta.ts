import { jsonStringPattern } from '../../streaming/json-string-pattern.ts';
import { skippedMemberPattern } from './openai-chat-event-patterns.ts';

const skippedMember = skippedMemberPattern(true);
/** Chat's text delta chunk, as OpenAI serializes it (no whitespace); group 1 is the content's JSON string literal. */
const contentDeltaChunk = new RegExp(
  String.raw`^\{(?:${skippedMember},)*"choices":\[\{"index":0,"delta":\{"content":(${jsonStringPattern})\},"logprobs":null,"finish_reason":null\}\](?:,${skippedMember})*\}$`,
);

/**
 * The text of a Chat stream event that is nothing but a text delta of choice 0, without parsing the whole
 * event: one regular expression over the event, then `JSON.parse` of the content's string literal alone.
 * Undefined for anything else, which then takes the full path (JSON.parse, readOpenAIChatChunk): the
 * first chunk (role, id, model), deltas with other fields (reasoning, tool calls, refusal, role), finish
 * and usage chunks, errors, any whitespace or escaped string outside the content. So every event it
 * reads, the full path reads the same: only choice 0's `delta.content`, nothing else the decoder uses.
 *
 * Why: `JSON.parse` of each ~250-byte chunk was ~16 of the ~18 µs the translating sink spends on the
 * bench's 11-event stream (bench/translation-stages.bench.ts), and most of a chunk is an id, a model
 * name and fields a translation does not use.
 */
export function readOpenAIChatContentDelta(data: string): string | undefined {
  const json = readOpenAIChatContentDeltaJson(data);
  if (json === undefined) return undefined;
  try {
    return JSON.parse(json) as string;
  } catch {
    return undefined;
  }
}

/**
 * The same event's content as the JSON string literal the provider wrote (`"Hi"`), undecoded: the
 * pattern admits only JSON's own escapes, so the literal is valid JSON and a translation can copy it into
 * the client's event as it is (create-openai-chat-stream-decoder.ts, `deltaJson`).
 */
export function readOpenAIChatContentDeltaJson(data: string): string | undefined {
  const match = contentDeltaChunk.exec(data);
  return match === null ? undefined : match[1];
}
