import assert from 'node:assert/strict';
import test from 'node:test';
import { formatSelfCostDifference, formatSelfCosts, parsePerfMap, readSelfCosts } from './attribute-instructions.ts';

const perfMap = ['3f00 40 JS:*objectEnd file:///x/main.mjs:10:1', '3e00 80 JS:~objectEnd file:///x/main.mjs:10:1', '5000 10 RegExp:^a+$', 'not a line'].join(
  '\n',
);
const annotated = [
  '--------------------------------------------------------------------------------',
  '1,200,000 (100.0%)  PROGRAM TOTALS',
  '  300,000 (25.00%)  ???:Builtins_LoadIC [/usr/bin/node]',
  '  240,000 (20.00%)  ???:0x0000000000003f10 [???]',
  '   60,000 ( 5.00%)  ???:0x0000000000003e00 [???]',
  '   30,000 ( 2.50%)  ???:0x0000000000005008 [???]',
  '    9,000 ( 0.75%)  ???:0x0000000000009000 [???]',
  '    3,000 ( 0.25%)  ./malloc/./malloc/malloc.c:malloc [/usr/lib/x86_64-linux-gnu/libc.so.6]',
].join('\n');

test('JIT addresses are named from the perf map, the tiers of one function added up, the rest kept by name', () => {
  const costs = readSelfCosts(annotated, parsePerfMap(perfMap));
  assert.deepEqual(Object.fromEntries(costs), {
    Builtins_LoadIC: 300_000,
    'JS:objectEnd file:///x/main.mjs:10:1': 300_000,
    'RegExp:^a+$': 30_000,
    '(unnamed JIT code)': 9_000,
    './malloc/./malloc/malloc.c:malloc': 3_000,
  });
});

test('tables per request: the top functions, and what one target spends more than another', () => {
  const costs = readSelfCosts(annotated, parsePerfMap(perfMap));
  const table = formatSelfCosts('D', costs, 100, 2);
  assert.match(table, /\| 3,000 \| Builtins_LoadIC \|\n\| 3,000 \| JS:objectEnd/);
  assert.doesNotMatch(table, /RegExp/);
  assert.match(table, /^D: instructions per request by function/);
  assert.match(formatSelfCosts('D', costs, 100, 2, 'I1mr'), /^D: I1mr per request by function/);
  const difference = formatSelfCostDifference('Q', new Map([['Builtins_LoadIC', 100_000]]), 'D', costs, 100, 2);
  assert.match(difference, /\| \+3,000 \| 3,000 \| 0 \| JS:objectEnd/);
  assert.match(difference, /\| \+2,000 \| 3,000 \| 1,000 \| Builtins_LoadIC \|/);
});
