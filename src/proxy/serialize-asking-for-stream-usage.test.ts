import assert from 'node:assert/strict';
import test from 'node:test';
import { serializeAskingForStreamUsage } from './serialize-asking-for-stream-usage.ts';

test('a body without stream_options gets include_usage appended: valid JSON, every other member as it was', () => {
  const body = { model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'a "quoted" }' }] };
  const { json, asked } = serializeAskingForStreamUsage(body);
  assert.equal(asked, true);
  assert.deepEqual(JSON.parse(json), { ...body, stream_options: { include_usage: true } });
  assert.equal(Object.hasOwn(body, 'stream_options'), false, 'the body object is not changed');
});

test("the client's other stream options are kept; a null one is replaced; a client that asked for usage is left alone", () => {
  const withOptions = serializeAskingForStreamUsage({ model: 'm', stream_options: { include_obfuscation: false } });
  assert.deepEqual(JSON.parse(withOptions.json), { model: 'm', stream_options: { include_obfuscation: false, include_usage: true } });
  assert.equal(withOptions.asked, true);
  const withNull = serializeAskingForStreamUsage({ model: 'm', stream_options: null });
  assert.deepEqual(JSON.parse(withNull.json), { model: 'm', stream_options: { include_usage: true } });
  const asking = serializeAskingForStreamUsage({ model: 'm', stream_options: { include_usage: true } });
  assert.deepEqual(asking, { json: '{"model":"m","stream_options":{"include_usage":true}}', asked: false });
  assert.deepEqual(serializeAskingForStreamUsage({}), { json: '{"stream_options":{"include_usage":true}}', asked: true });
});
