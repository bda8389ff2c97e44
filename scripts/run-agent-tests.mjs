#!/usr/bin/env node
// `npm run test:agents`: the opt-in agent tests. Installs the two coding-agent CLIs pinned in
// tools/agents (npm ci --prefix tools/agents, skipped when the locked versions are already there and
// start), then runs test/agents/*.agent-test.ts through node:test. They are named *.agent-test.ts so that
// scripts/run-tests.mjs (npm test, *.test.ts) never picks them up: the CLIs are about 800 MB.
// Usage: node scripts/run-agent-tests.mjs [file ...] [--node-test-flag ...]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const agentsFolder = join(root, 'tools', 'agents');
const modules = join(agentsFolder, 'node_modules');
const testFolder = join(root, 'test', 'agents');

/** Each CLI: its package, its Node launcher (which finds the platform binary) and its `--version` line. */
const clis = [
  { name: '@anthropic-ai/claude-code', launcher: 'cli-wrapper.cjs', versionLine: (version) => `${version} (Claude Code)` },
  { name: '@openai/codex', launcher: 'bin/codex.js', versionLine: (version) => `codex-cli ${version}` },
];

function lockedVersion(name) {
  const lock = JSON.parse(readFileSync(join(agentsFolder, 'package-lock.json'), 'utf8'));
  const version = lock.packages?.[`node_modules/${name}`]?.version;
  if (typeof version !== 'string') throw new Error(`tools/agents/package-lock.json does not lock ${name}`);
  return version;
}

/** Undefined when every CLI is installed at its locked version and starts; otherwise what is wrong. */
function findInstallProblem() {
  for (const cli of clis) {
    const manifest = join(modules, cli.name, 'package.json');
    if (!existsSync(manifest)) return `${cli.name} is not installed`;
    const installed = JSON.parse(readFileSync(manifest, 'utf8')).version;
    const locked = lockedVersion(cli.name);
    if (installed !== locked) return `${cli.name} ${installed} is installed, ${locked} is locked`;
    // Starting it proves that the platform binary (an optional dependency) landed too.
    const probe = spawnSync(process.execPath, [join(modules, cli.name, cli.launcher), '--version'], { encoding: 'utf8', timeout: 30_000 });
    if (probe.status !== 0 || !probe.stdout.includes(cli.versionLine(locked))) {
      return `${cli.name} does not start: exit ${probe.status}, ${(probe.stdout + probe.stderr).trim().slice(0, 500)}`;
    }
  }
  return undefined;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const problem = findInstallProblem();
if (problem === undefined) {
  console.log('agent CLIs already installed at the locked versions');
} else {
  console.log(`installing the agent CLIs (${problem}): npm ci --prefix tools/agents`);
  const install = spawnSync(npm, ['ci', '--prefix', agentsFolder, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (install.status !== 0) {
    console.error(`npm ci --prefix tools/agents failed with exit ${install.status}`);
    process.exit(1);
  }
  const stillWrong = findInstallProblem();
  if (stillWrong !== undefined) {
    console.error(`agent CLIs unusable after npm ci: ${stillWrong}`);
    process.exit(1);
  }
}
for (const cli of clis) console.log(`${cli.name} ${lockedVersion(cli.name)}`);

const argumentsGiven = process.argv.slice(2);
const passThrough = argumentsGiven.filter((argument) => argument.startsWith('-'));
const filesGiven = argumentsGiven.filter((argument) => !argument.startsWith('-'));
const files =
  filesGiven.length > 0
    ? filesGiven
    : readdirSync(testFolder)
        .filter((file) => file.endsWith('.agent-test.ts'))
        .sort()
        .map((file) => join('test', 'agents', file));
if (files.length === 0) {
  console.error('no agent test files found');
  process.exit(1);
}
// One file at a time: each test already runs a CLI that starts its own processes, on a 2-core machine.
// 120 s per test: a CLI run is killed after 90 s (run-claude-code.ts, run-codex.ts), a passing case takes seconds.
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=120000', ...passThrough, ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
