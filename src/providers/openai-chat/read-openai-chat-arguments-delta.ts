import { jsonStringPattern } from '../../streaming/json-string-pattern.ts';
import { skippedMemberPattern } from './openai-chat-event-patterns.ts';

const skippedMember = skippedMemberPattern(true);
/**
 * Chat's tool-call arguments fragment, as OpenAI serializes it (no whitespace): one call of choice 0 with
 * its `index` and `function.arguments` only (no id, type or name: those come in the call's first chunk).
 * Group 1 is the call's index, group 2 the fragment's JSON string literal.
 */
const argumentsDeltaChunk = new RegExp(
  String.raw`^\{(?:${skippedMember},)*"choices":\[\{"index":0,"delta":\{"tool_calls":\[\{"index":(0|[1-9]\d{0,8}),"function":\{"arguments":(${jsonStringPattern})\}\}\]\},"logprobs":null,"finish_reason":null\}\](?:,${skippedMember})*\}$`,
);

/** A tool call's arguments fragment: the call's Chat index and the fragment as its JSON string literal. */
export interface OpenAIChatArgumentsDelta {
  readonly callIndex: number;
  readonly json: string;
}

/**
 * The arguments fragment of a Chat stream event that is nothing but that (see the pattern), without
 * parsing the event; undefined for anything else, which takes the full path. The literal is valid JSON
 * (json-string-pattern.ts), so a translation may copy it as it is. What the full path reads of such an
 * event is the same: the call's index and its arguments, nothing else the decoder uses.
 */
export function readOpenAIChatArgumentsDelta(data: string): OpenAIChatArgumentsDelta | undefined {
  const match = argumentsDeltaChunk.exec(data);
  return match === null ? undefined : { callIndex: Number(match[1]), json: match[2] as string };
}
