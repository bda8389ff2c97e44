import { jsonStringPattern, plainJsonStringPattern } from '../../streaming/json-string-pattern.ts';

const position = String.raw`(0|[1-9]\d{0,8})`;
const sequenceNumber = String.raw`"sequence_number":(?:0|[1-9]\d{0,15})(?:,"obfuscation":${plainJsonStringPattern})?`;
/**
 * A text delta or a function call's arguments delta exactly as OpenAI writes them (no whitespace, these
 * members in this order, an `obfuscation` string or not). Groups: 1-3 a text delta's output index, content
 * index and text; 4-5 an arguments delta's output index and fragment; texts as JSON string literals.
 */
const deltaEvent = new RegExp(
  String.raw`^\{"type":"response\.(?:output_text\.delta","item_id":${plainJsonStringPattern},"output_index":${position},"content_index":${position},"delta":(${jsonStringPattern}),"logprobs":\[\],${sequenceNumber}` +
    String.raw`|function_call_arguments\.delta","item_id":${plainJsonStringPattern},"output_index":${position},"delta":(${jsonStringPattern}),${sequenceNumber})\}$`,
);

/** A Responses delta event read without parsing it: the decoder's block key (as it builds them) and the text's JSON literal. */
export interface OpenAIResponsesDelta {
  /** `message:<output>:<content>` for text, `function_call:<output>` for arguments. */
  readonly blockKey: string;
  readonly json: string;
}

/**
 * `response.output_text.delta` or `response.function_call_arguments.delta`, read with one pattern;
 * undefined for any other event or shape, which takes the full path (JSON.parse and the hand check,
 * read-openai-responses-stream-event.ts). Everything the pattern admits, the full path reads the same:
 * the positions that key the block, and the delta (a JSON literal, valid as it stands: json-string-pattern.ts).
 */
export function readOpenAIResponsesDelta(data: string): OpenAIResponsesDelta | undefined {
  const match = deltaEvent.exec(data);
  if (match === null) return undefined;
  if (match[3] !== undefined) return { blockKey: `message:${match[1]}:${match[2]}`, json: match[3] };
  return { blockKey: `function_call:${match[4]}`, json: match[5] as string };
}
