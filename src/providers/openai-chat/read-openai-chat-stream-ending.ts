import { skippedMemberPattern } from './openai-chat-event-patterns.ts';
import type { OpenAIChatUsage } from './openai-chat-usage-schema.ts';
import { parseOpenAIChatJson } from './parse-openai-chat-json.ts';
import { readOpenAIChatUsage } from './read-openai-chat-usage.ts';

/** The two events that end a Chat stream, as read without parsing the whole event. */
export type OpenAIChatStreamEnding =
  | { readonly finishReason: string; readonly usage?: undefined }
  | { readonly finishReason?: undefined; readonly usage: OpenAIChatUsage };

const skippedMember = skippedMemberPattern(true);
const skippedMemberButUsage = skippedMemberPattern(false);

/** Choice 0 finishing with an empty delta: group 1 is the finish reason. */
const finishChunk = new RegExp(
  String.raw`^\{(?:${skippedMember},)*"choices":\[\{"index":0,"delta":\{\},"logprobs":null,"finish_reason":"([a-z_]+)"\}\](?:,${skippedMember})*\}$`,
);

/**
 * Text every event `finishChunk` matches holds, and every event `usageChunk` matches. Each starts with a
 * character rare in a chunk (`{`, `[`): a needle starting with `"` made `includes` as slow as the expression.
 */
const finishMark = '{},"logprobs":null,"finish_reason":"';
const usageMark = '[],"usage":{';

/** A usage count: a JSON integer or null. */
const count = String.raw`(?:0|[1-9]\d*|null)`;
/** A usage object: counts, and objects of counts one level down (`prompt_tokens_details`…). */
const countMember = `"[a-z_]+":${count}`;
const detailsObject = String.raw`\{(?:${countMember}(?:,${countMember})*)?\}`;
const usageMember = `"[a-z_]+":(?:${count}|${detailsObject})`;
const usageObject = String.raw`\{(?:${usageMember}(?:,${usageMember})*)?\}`;

/** The usage-only chunk (`stream_options.include_usage`): no choices; group 1 is the usage object. */
const usageChunk = new RegExp(String.raw`^\{(?:${skippedMemberButUsage},)*"choices":\[\],"usage":(${usageObject})(?:,${skippedMemberButUsage})*\}$`);

/**
 * Chat's finish chunk (choice 0, empty delta, a finish reason) or its usage-only chunk, read with one
 * regular expression over the event, and for usage `JSON.parse` of the usage object alone; undefined for
 * anything else, which takes the full path. As with the text delta (read-openai-chat-content-delta.ts),
 * every event it reads the full path reads the same: nothing else in either event is used after the
 * first chunk. Each came once per stream, but `JSON.parse` of the whole ~250-byte event was ~1.5 µs of the
 * translating sink's ~20 (bench/translation-stages.bench.ts).
 */
export function readOpenAIChatStreamEnding(data: string): OpenAIChatStreamEnding | undefined {
  // Each expression runs only on an event holding text it must match: a tool call's argument fragments (the
  // other events that get here) cost two `includes` (~80 ns) rather than two failing expressions (~390 ns).
  if (data.includes(finishMark)) {
    const finish = finishChunk.exec(data);
    return finish === null ? undefined : { finishReason: finish[1] as string };
  }
  if (!data.includes(usageMark)) return undefined;
  const usage = usageChunk.exec(data);
  if (usage === null) return undefined;
  const parsed = parseOpenAIChatJson(usage[1] as string);
  const read = parsed.ok ? readOpenAIChatUsage(parsed.value) : undefined;
  return read === undefined ? undefined : { usage: read };
}
