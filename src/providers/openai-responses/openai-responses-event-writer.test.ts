import assert from 'node:assert/strict';
import test from 'node:test';
import { OpenAIResponsesEventWriter } from './openai-responses-event-writer.ts';

const deltas = ['Hi', '', '"quoted" \\ back\nslash\r\t', 'é😀\u2028\u2029\u0000\u001f</script>', '\ud800 lone surrogate', '{"a":1}'];

test('the delta events written as text are the bytes event() writes for the same payload, sequence numbers included', () => {
  const fast = new OpenAIResponsesEventWriter();
  const generic = new OpenAIResponsesEventWriter();
  for (const delta of deltas) {
    for (const itemId of ['msg_1', 'id "with" quotes\n']) {
      assert.equal(
        fast.textDelta(itemId, 3, 1, JSON.stringify(delta)),
        generic.event('response.output_text.delta', { item_id: itemId, output_index: 3, content_index: 1, delta, logprobs: [] }),
      );
      assert.equal(
        fast.argumentsDelta(itemId, 0, JSON.stringify(delta)),
        generic.event('response.function_call_arguments.delta', { item_id: itemId, output_index: 0, delta }),
      );
      assert.equal(
        fast.summaryTextDelta(itemId, 12, delta),
        generic.event('response.reasoning_summary_text.delta', { item_id: itemId, output_index: 12, summary_index: 0, delta }),
      );
    }
  }
  assert.match(fast.event('response.completed', {}), /^event: response\.completed\ndata: \{"type":"response\.completed","sequence_number":36\}\n\n$/);
});
