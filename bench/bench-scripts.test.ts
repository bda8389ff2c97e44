import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatSimultaneousBars } from './format-simultaneous-bars.ts';
import type { PairResult } from './measure-simultaneous-pairs.ts';

/** The bench scripts are not run by `npm test`; these keep the parts that can break silently honest. */

test('translation-stages.bench.ts runs through every stage (a few iterations) and prints a figure for each', () => {
  const script = fileURLToPath(new URL('./translation-stages.bench.ts', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, '20'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  const rows = run.stdout.split('\n').filter((line) => /^\| (stream|request|non-stream)/.test(line));
  assert.equal(rows.length, 17, run.stdout);
  for (const row of rows) assert.match(row, /\| \d+\.\d\d \|$/, row);
});

function pair(a: string, b: string, cpuRatios: number[], setRatios: number[]): PairResult {
  return { a, b, cpuRatios, throughputRatios: cpuRatios.map((ratio) => 1 / ratio), cpuA: [100], cpuB: [100], setRatios };
}

test('each bar is checked as 1 ÷ the median CPU ratio, with the spread of its sets of processes', () => {
  const text = formatSimultaneousBars(
    [pair('pt', 'gw-t', [1.6, 1.8, 2.0], [1.6, 2.0]), pair('pt', 'gw', [1.5, 1.6, 1.4], [1.5]), pair('q', 'gw', [1.25, 1.2, 1.3], [1.25, 1.2])],
    'test run',
  );
  assert.match(text, /Translated stream \(issue 3\).*: 0\.56 × \(1 ÷ CPU ratio; sets 0\.50–0\.63 ×\): \*\*NOT met\*\*/);
  assert.match(text, /Fast path \(issue 2\).*: 0\.67 × \(1 ÷ CPU ratio\): \*\*met\*\*/);
  assert.match(text, /issue 6\).*: 0\.80 × \(1 ÷ CPU ratio; sets 0\.80–0\.83 ×\): \*\*NOT met\*\*/);
});

test('a bar whose pair was not measured says so', () => {
  assert.match(formatSimultaneousBars([], 'test run'), /Translated stream \(issue 3\).*: \*\*not measured\*\*/);
});
