import assert from 'node:assert/strict';
import test from 'node:test';
import { readCallgrindTotals } from './read-callgrind-totals.ts';

const header = '# callgrind format\nversion: 1\ncreator: callgrind-3.19.0\npositions: line\n';

test('callgrind totals are read by event name, with the cache and branch simulation events', () => {
  const text = `${header}events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw Bc Bcm Bi Bim\nsummary: 0\n\nfn=(1) main\n3 5\ntotals: 1325326893 386113163 215873330 28363888 15904614 3137809 45858 166180 424671 219156724 16138680 8950307 3060710\n`;
  const totals = readCallgrindTotals(text);
  assert.equal(totals.get('Ir'), 1_325_326_893);
  assert.equal(totals.get('I1mr'), 28_363_888);
  assert.equal(totals.get('Bcm'), 16_138_680);
  assert.equal(totals.get('Bim'), 3_060_710);
  assert.equal(totals.size, 13);
});

test('instructions alone; trailing events without a total count as zero', () => {
  assert.deepEqual([...readCallgrindTotals(`${header}events: Ir\ntotals: 1751360065\n`)], [['Ir', 1_751_360_065]]);
  assert.equal(readCallgrindTotals(`${header}events: Ir Bc Bcm\ntotals: 10 4\n`).get('Bcm'), 0);
});

test('a file without its totals, or with more totals than events, is refused', () => {
  assert.throws(() => readCallgrindTotals(`${header}events: Ir\nsummary: 0\n`), /no "events:" and "totals:"/);
  assert.throws(() => readCallgrindTotals(`${header}events: Ir\ntotals: 1 2\n`), /do not match/);
});
