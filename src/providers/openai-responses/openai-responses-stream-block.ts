import { decodeJsonStrings } from '../../streaming/decode-json-strings.ts';
import type {
  OpenAIResponsesCustomToolCallItemBody,
  OpenAIResponsesFunctionCallItemBody,
  OpenAIResponsesMessageItemBody,
  OpenAIResponsesOutputTextBody,
  OpenAIResponsesReasoningItemBody,
} from './openai-responses-output-types.ts';

/** One canonical block of a Responses stream being written (create-openai-responses-stream-encoder.ts). */
export type Block =
  | {
      readonly kind: 'text';
      readonly message: OpenAIResponsesMessageItemBody;
      readonly outputIndex: number;
      readonly contentIndex: number;
      readonly part: OpenAIResponsesOutputTextBody;
      /** Deltas taken as JSON literals (encodeDeltaJson), not yet in `part.text`. */
      pending: string[] | undefined;
      ended: boolean;
    }
  | {
      readonly kind: 'tool';
      readonly item: OpenAIResponsesFunctionCallItemBody | OpenAIResponsesCustomToolCallItemBody;
      readonly outputIndex: number;
      toolArguments: string;
      /** Fragments taken as JSON literals (encodeDeltaJson), not yet in `toolArguments`. */
      pending: string[] | undefined;
      ended: boolean;
    }
  | {
      readonly kind: 'reasoning';
      readonly item: OpenAIResponsesReasoningItemBody;
      readonly outputIndex: number;
      text: string;
      summaryOpen: boolean;
      ended: boolean;
    };

/** Keeps a delta's JSON literal for the block's text or arguments, undecoded until `settle`. */
export function keepLiteral(block: Extract<Block, { kind: 'text' | 'tool' }>, json: string): void {
  if (block.pending === undefined) block.pending = [json];
  else block.pending.push(json);
}

/** The block's kept literals decoded, in one JSON.parse, onto its text or arguments: before anything reads them. */
export function settle(block: Block): void {
  if (block.kind === 'reasoning' || block.pending === undefined) return;
  const decoded = decodeJsonStrings(block.pending);
  block.pending = undefined;
  if (block.kind === 'text') block.part.text += decoded;
  else block.toolArguments += decoded;
}
