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

test('usage objects of every depth: the expression reads two levels, the brace counter deeper ones', () => {
  assert.deepEqual(find('{"usage":{"a":{"b":{"c":{"d":1}}},"e":2}}'), { a: { b: { c: { d: 1 } } }, e: 2 });
  assert.deepEqual(find('{"usage":{"input_tokens_details":{"cached_tokens":0},"output_tokens":9}}'), {
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 9,
  });
  assert.deepEqual(find('{"usage" :\r\n\t{ "x" : [1, {"y": "}{\\\\"}] }}'), { x: [1, { y: '}{\\' }] });
  assert.deepEqual(find('{"usage":{}}'), {});
  assert.equal(find('{"usage":{"a":{"b":1}'), undefined);
});

test('generated usage objects with strings of braces, quotes and escapes read back as written', () => {
  let seed = 7;
  const random = (limit: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % limit;
  };
  const pieces = ['{', '}', '"', '\\', 'usage', ':', ' ', 'é', 'x'];
  const value = (depth: number): unknown => {
    const kind = random(depth > 3 ? 3 : 5);
    if (kind === 0) return random(1000);
    if (kind === 1) return Array.from({ length: random(4) }, () => pieces[random(pieces.length)]).join('');
    if (kind === 2) return null;
    if (kind === 3) return [value(depth + 1)];
    return Object.fromEntries(Array.from({ length: random(4) }, (_, index) => [`k${index}`, value(depth + 1)]));
  };
  for (let round = 0; round < 500; round += 1) {
    const usage = Object.fromEntries(Array.from({ length: 1 + random(4) }, (_, index) => [`t${index}`, value(1)]));
    const text = JSON.stringify({ id: 'x', choices: [], usage }, null, round % 3 === 0 ? 1 : undefined);
    assert.deepEqual(findUsageJson(Buffer.from(text, 'latin1')), JSON.parse(Buffer.from(text, 'latin1').toString('latin1')).usage, text);
  }
});

test('a megabyte of unclosed usage objects is read in linear time', () => {
  for (const unit of ['"usage":{"a":', '"usage":{"a":{"b":"', '"usage":{']) {
    const text = `{${unit.repeat(Math.ceil(1_000_000 / unit.length))}`;
    const started = performance.now();
    assert.equal(findUsageJson(Buffer.from(text), 0, text.length), undefined);
    const elapsedMs = performance.now() - started;
    assert.ok(elapsedMs < 2_000, `${unit}: ${elapsedMs.toFixed(0)} ms`);
  }
});

test('the usage object before a few null or broken usage keys is still found', () => {
  const text = `{"usage":{"input_tokens":4},"later":[${'{"usage":null},'.repeat(6)}{"usage":{"a":1]}`;
  assert.deepEqual(find(text), { input_tokens: 4 });
});
