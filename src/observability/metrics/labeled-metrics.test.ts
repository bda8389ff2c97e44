import assert from 'node:assert/strict';
import test from 'node:test';
import { Counter, Histogram, Registry } from 'prom-client';
import { LabeledCounter } from './labeled-counter.ts';
import { LabeledHistogram } from './labeled-histogram.ts';

const buckets = [0.005, 0.01, 0.1, 1, 5];
const observations: ReadonlyArray<readonly [string, number]> = [
  ['gpt-4o', 0.003],
  ['gpt-4o', 0.005],
  ['gpt-4o', 0.2],
  ['claude "x"\\', 7],
  ['gpt-4o', 1],
  ['claude "x"\\', 0.01],
];

test("a LabeledCounter and a LabeledHistogram export exactly what prom-client's Counter and Histogram do", async () => {
  const ours = new Registry();
  const theirs = new Registry();
  const counter = new LabeledCounter({ name: 't_requests_total', help: 'Requests.', labelNames: ['model', 'status_code'], registry: ours });
  const histogram = new LabeledHistogram({ name: 't_duration_seconds', help: 'Duration.', labelNames: ['model'], buckets, registry: ours });
  const promCounter = new Counter({ name: 't_requests_total', help: 'Requests.', labelNames: ['model', 'status_code'], registers: [theirs] });
  const promHistogram = new Histogram({ name: 't_duration_seconds', help: 'Duration.', labelNames: ['model'], buckets, registers: [theirs] });
  const kept = counter.cell({ model: 'gpt-4o', status_code: 200 });
  for (const [model, seconds] of observations) {
    if (model === 'gpt-4o') kept.value += 1;
    else counter.inc({ model, status_code: 502 });
    histogram.cell({ model }).observe(seconds);
    promCounter.inc({ model, status_code: model === 'gpt-4o' ? 200 : 502 });
    promHistogram.observe({ model }, seconds);
  }
  assert.equal(await ours.metrics(), await theirs.metrics());
  ours.resetMetrics();
  kept.value += 2;
  const text = await ours.metrics();
  assert.match(text, /^t_requests_total\{model="gpt-4o",status_code="200"\} 2$/m, 'a cell kept across a reset still counts');
  assert.match(text, /^t_requests_total\{model="claude \\"x\\"\\\\",status_code="502"\} 0$/m, 'a reset keeps a series, at 0');
  assert.match(text, /^t_duration_seconds_count\{model="gpt-4o"\} 0$/m);
});

test('a cell is looked up once per label set: the same cell for the same labels, another for others', () => {
  const registry = new Registry();
  const counter = new LabeledCounter({ name: 't_total', help: 'x', labelNames: ['a', 'b'], registry });
  assert.equal(counter.cell({ a: 'x', b: 1 }), counter.cell({ b: '1', a: 'x' }));
  assert.notEqual(counter.cell({ a: 'x', b: 1 }), counter.cell({ a: 'x1', b: '' }));
  const histogram = new LabeledHistogram({ name: 't_seconds', help: 'x', labelNames: ['a'], buckets, registry });
  const cell = histogram.cell({ a: 'x' });
  cell.observe(Number.NaN);
  assert.equal(cell.count, 0, 'a value that is not a number is not counted');
});
