import { formatJsonSseEvent } from '../../streaming/format-sse-event.ts';

/**
 * The events of one Responses stream as SSE text: `event:` + `data:` lines, `type` first in the data and
 * `sequence_number` (from 0, one per event) last. The delta events, most of a stream, are JSON written as
 * text: the bytes `event()` gives for the same payload (key order included), without an object to build,
 * spread and walk per delta.
 */
export class OpenAIResponsesEventWriter {
  #sequenceNumber = 0;

  event(type: string, payload: Record<string, unknown>): string {
    return this.#write(type, JSON.stringify({ type, ...payload, sequence_number: this.#sequenceNumber }));
  }

  /** `response.output_text.delta`; `deltaJson`: the delta as a JSON string literal. */
  textDelta(itemId: string, outputIndex: number, contentIndex: number, deltaJson: string): string {
    const fields = `"item_id":${JSON.stringify(itemId)},"output_index":${outputIndex},"content_index":${contentIndex},"delta":${deltaJson},"logprobs":[]`;
    return this.#writeFields('response.output_text.delta', fields);
  }

  /** `response.function_call_arguments.delta`; `deltaJson`: the delta as a JSON string literal. */
  argumentsDelta(itemId: string, outputIndex: number, deltaJson: string): string {
    return this.#writeFields(
      'response.function_call_arguments.delta',
      `"item_id":${JSON.stringify(itemId)},"output_index":${outputIndex},"delta":${deltaJson}`,
    );
  }

  /** `response.reasoning_summary_text.delta` of summary part 0. */
  summaryTextDelta(itemId: string, outputIndex: number, delta: string): string {
    const fields = `"item_id":${JSON.stringify(itemId)},"output_index":${outputIndex},"summary_index":0,"delta":${JSON.stringify(delta)}`;
    return this.#writeFields('response.reasoning_summary_text.delta', fields);
  }

  /** `type` is one of the constant event names above, which need no escaping. */
  #writeFields(type: string, fields: string): string {
    return this.#write(type, `{"type":"${type}",${fields},"sequence_number":${this.#sequenceNumber}}`);
  }

  #write(type: string, data: string): string {
    this.#sequenceNumber += 1;
    return formatJsonSseEvent(data, type);
  }
}
