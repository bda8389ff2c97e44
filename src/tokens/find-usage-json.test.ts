import assert from 'node:assert/strict';
import test from 'node:test';
import { findUsageJson } from './find-usage-json.ts';

const find = (text: string) => findUsageJson(Buffer.from(text));

test('the usage object alone, with or without spaces around the colon', () => {
  assert.deepEqual(find('{"id":"x","usage":{"prompt_tokens":3,"total_tokens":5}}'), { prompt_tokens: 3, total_tokens: 5 });
  assert.deepEqual(find('{"type": "message_delta", "usage" : { "output_tokens": 15 }}'), { output_tokens: 15 });
  assert.deepEqual(find('{"usage":{"details":{"cached_tokens":1},"note":"a } in a \\" string"}}'), {
    details: { cached_tokens: 1 },
    note: 'a } in a " string',
  });
});

test('the last usage object wins; null, escaped and string-valued "usage" are skipped', () => {
  assert.deepEqual(find('{"tools":[{"parameters":{"usage":{"type":"string"}}}],"usage":{"input_tokens":9}}'), { input_tokens: 9 });
  assert.equal(find('{"choices":[],"usage":null}'), undefined);
  assert.equal(find('{"content":"say \\"usage\\": {1} please"}'), undefined);
  assert.equal(find('{"metadata":{"k":"usage"}}'), undefined);
  assert.equal(find('no json "usage":{"broken"'), undefined);
});

test('only inside [start, end)', () => {
  const bytes = Buffer.from('data: {"usage":{"a":1}}\ndata: {"usage":{"a":2}}\n');
  assert.deepEqual(findUsageJson(bytes, 0, 23), { a: 1 });
  assert.deepEqual(findUsageJson(bytes, 24, bytes.length - 1), { a: 2 });
  assert.equal(findUsageJson(bytes, 0, 10), undefined);
});
