import { takeJsonStrings } from '../../streaming/decode-json-strings.ts';
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

/** The block's kept literals decoded, in one JSON.parse, onto its text or arguments: before anything reads them. */
export function settle(block: Block): void {
  if (block.kind === 'reasoning' || block.pending === undefined) return;
  if (block.kind === 'text') block.part.text += takeJsonStrings(block);
  else block.toolArguments += takeJsonStrings(block);
}
