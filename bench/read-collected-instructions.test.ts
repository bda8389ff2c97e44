import assert from 'node:assert/strict';
import test from 'node:test';
import { readCollectedInstructions } from './read-collected-instructions.ts';

test("callgrind's instruction count is read from its summary, with or without thousands separators", () => {
  const log = '{"level":30,"msg":"stopped"}\n==12756== \n==12756== Events    : Ir\n==12756== Collected : 1,276,986,090\n==12756== \n';
  assert.equal(readCollectedInstructions(log), 1_276_986_090);
  assert.equal(readCollectedInstructions('==9== Collected : 1751360065\n'), 1_751_360_065);
  assert.throws(() => readCollectedInstructions('==9== I   refs:      1,647,493,863\n'), /no callgrind summary/);
});
