#!/usr/bin/env node
// Node 20's test runner does not expand globs, and its default patterns skip .ts files,
// so this finds the test files and hands them to `node --import tsx --test`.
// Usage: node scripts/run-tests.mjs [folder-or-file ...]   (default: src test bench)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = process.argv.slice(2).filter((argument) => !argument.startsWith('-'));
const passThrough = process.argv.slice(2).filter((argument) => argument.startsWith('-'));

function findTestFiles(root) {
  if (statSync(root).isFile()) return [root];
  return readdirSync(root, { recursive: true })
    .map(String)
    .filter((path) => path.endsWith('.test.ts') && !path.includes('node_modules'))
    .map((path) => join(root, path))
    .sort();
}

const files = (roots.length > 0 ? roots : ['src', 'test', 'bench']).flatMap(findTestFiles);
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-timeout=60000', ...passThrough, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
