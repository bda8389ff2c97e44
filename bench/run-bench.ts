/**
 * `npm run bench`: direct (wrk -> mock), the minimal pass-through (bench/pass-through.ts), the gateway with
 * its default config on its fast path (OpenAI client -> OpenAI provider) and translating (Anthropic client
 * -> the same OpenAI provider), non-stream and stream, concurrency 1 and 64; prints a markdown table and the
 * ratios to the pass-through, then checks the bars with proxies measured two at a time on one core, and
 * writes it all to bench/results/latest.md. See docs/performance.md.
 * Environment: BENCH_TARGETS (default: all of bench-targets.ts), BENCH_DURATION (5s), BENCH_WARMUP (1s),
 * BENCH_TTFB_REQUESTS (200), BENCH_PAIR_SETS (3), BENCH_PAIR_ROUNDS (3; 0 skips the pairs), BENCH_PAIR_SECONDS (3s).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchApiKey } from './bench-api-key.ts';
import { benchTarget } from './bench-target.ts';
import { allTargetNames } from './bench-targets.ts';
import { ChildProcessRegistry } from './child-process-registry.ts';
import { compareToPassThrough } from './compare-to-pass-through.ts';
import { compareTranslatedToFastPath } from './compare-translated-to-fast-path.ts';
import { type CorePinning, detectCorePinning, pinCurrentProcess } from './core-pinning.ts';
import { ensureWrk } from './ensure-wrk.ts';
import { formatResultsTable } from './format-results-table.ts';
import { barPairs, formatSimultaneousBars } from './format-simultaneous-bars.ts';
import { prepareGatewayEntry } from './gateway-entry.ts';
import { measureSimultaneousPairs } from './measure-simultaneous-pairs.ts';
import { MockUpstreamClient } from './mock-upstream-client.ts';
import { startMockUpstream } from './start-mock-upstream.ts';
import type { StreamMode, TargetName, TargetResult } from './target-result.ts';

const modes: readonly StreamMode[] = ['non-stream', 'stream'];
const concurrencies: readonly number[] = [1, 64];
const apiKey = benchApiKey;
const resultsPath = 'bench/results/latest.md';

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function parseSeconds(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const seconds = Number(value.replace(/s$/, ''));
  if (!Number.isInteger(seconds) || seconds < 1) throw new Error(`${name} must be a whole number of seconds such as 5 or 5s, got "${value}"`);
  return seconds;
}

function parseTargets(value: string | undefined): TargetName[] {
  if (value === undefined || value.trim() === '') return [...allTargetNames];
  const requested = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = requested.filter((name) => !allTargetNames.some((target) => target === name));
  if (unknown.length > 0) throw new Error(`BENCH_TARGETS: unknown target(s) ${unknown.join(', ')}; known: ${allTargetNames.join(', ')}`);
  // Always in this order: direct first, since the others' added latency is measured against it.
  return allTargetNames.filter((target) => requested.includes(target));
}

function describeCommit(): string {
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout?.trim();
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).stdout?.trim();
  return commit ? `${commit}${dirty ? ' (src/ modified)' : ''}` : 'unknown';
}

function describeRun(pinning: CorePinning | undefined, warmupSeconds: number, durationSeconds: number): string {
  const placement =
    pinning === undefined
      ? 'not pinned (fewer than 2 cores or no taskset): figures are noisier'
      : `target on core ${pinning.targetCore}; mock, wrk and runner on core ${pinning.loadCore}`;
  return (
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · Node ${process.version} · ` +
    `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length} cores · ${placement} · ` +
    `${warmupSeconds} s warm-up + ${durationSeconds} s per cell · commit ${describeCommit()}`
  );
}

/**
 * The bars' pairs, two proxies at a time on the target core (measure-simultaneous-pairs.ts), stream,
 * c=64: BENCH_PAIR_SETS sets of fresh processes (default 3), each BENCH_PAIR_ROUNDS rounds (default 3, 0 to
 * skip) of BENCH_PAIR_SECONDS (default 3) each.
 * Skipped without core pinning (one core).
 */
async function measureBarsSimultaneously(
  registry: ChildProcessRegistry,
  pinning: CorePinning | undefined,
  wrkPath: string,
  mock: MockUpstreamClient,
  directory: string,
  apiKey: string,
): Promise<string> {
  const rounds = Number(process.env['BENCH_PAIR_ROUNDS'] ?? '3');
  if (!Number.isInteger(rounds) || rounds < 0) throw new Error(`BENCH_PAIR_ROUNDS: a whole number ≥ 0, got "${process.env['BENCH_PAIR_ROUNDS']}"`);
  const sets = Number(process.env['BENCH_PAIR_SETS'] ?? '3');
  if (!Number.isInteger(sets) || sets < 1) throw new Error(`BENCH_PAIR_SETS: a whole number ≥ 1, got "${process.env['BENCH_PAIR_SETS']}"`);
  const seconds = parseSeconds(process.env['BENCH_PAIR_SECONDS'], 3, 'BENCH_PAIR_SECONDS');
  if (rounds === 0) return '';
  if (pinning === undefined) return '\n### The bars, measured two proxies at a time\n\nnot measured: needs two cores (the proxies share one)\n';
  log(`bars: ${barPairs.map(({ pair }) => pair.join('/')).join(', ')}, two at a time, ${sets} sets of processes × ${rounds} rounds × ${seconds} s`);
  const results = await measureSimultaneousPairs({
    registry,
    pinning,
    wrkPath,
    upstreamApiBase: `${mock.origin}/v1`,
    directory,
    apiKey,
    stream: true,
    rounds,
    seconds,
    concurrency: 64,
    pairs: barPairs.map(({ pair }) => pair),
    sets,
  });
  const description = `Stream, c=64 each, ${sets} sets of fresh processes × ${rounds} rounds × ${seconds} s (after warming up); medians over every round`;
  return `\n${formatSimultaneousBars(results, description)}`;
}

async function main(): Promise<number> {
  const targets = parseTargets(process.env['BENCH_TARGETS']);
  const durationSeconds = parseSeconds(process.env['BENCH_DURATION'], 5, 'BENCH_DURATION');
  const warmupSeconds = parseSeconds(process.env['BENCH_WARMUP'], 1, 'BENCH_WARMUP');
  const ttfbRequests = Number(process.env['BENCH_TTFB_REQUESTS'] ?? '200');
  const wrkPath = ensureWrk();
  const pinning = detectCorePinning();
  if (pinning === undefined) log('warning: fewer than 2 cores or no taskset: processes are not pinned, figures are noisier');
  else pinCurrentProcess(pinning.loadCore);

  const registry = new ChildProcessRegistry();
  process.on('exit', () => registry.killAllNow());
  process.once('SIGINT', () => {
    log('interrupted: stopping every process the bench started');
    void registry.stopAll().finally(() => process.exit(130));
  });
  const directory = mkdtempSync(join(tmpdir(), 'llm-proxy-bench-'));
  try {
    const mock = new MockUpstreamClient(await startMockUpstream(registry, directory, pinning?.loadCore));
    const gatewayEntry = prepareGatewayEntry();
    log(`mock upstream on ${mock.origin}; targets: ${targets.join(', ')}; logs in ${directory}`);

    const results: TargetResult[] = [];
    for (const target of targets) {
      const result = await benchTarget(target, {
        registry,
        wrkPath,
        pinning,
        mock,
        directory,
        apiKey,
        modes,
        concurrencies,
        warmupSeconds,
        durationSeconds,
        ttfbRequests,
        readyTimeoutMs: 20_000,
        gatewayEntry,
        log,
      });
      if (result.failure !== undefined) log(`[${target}] FAILED: ${result.failure}`);
      results.push(result);
    }

    const markdown = formatResultsTable({
      runDescription: describeRun(pinning, warmupSeconds, durationSeconds),
      targets: results,
      concurrencies,
      comparison: compareToPassThrough(results, concurrencies),
      translated: compareTranslatedToFastPath(results, concurrencies),
    });
    const bars = await measureBarsSimultaneously(registry, pinning, wrkPath, mock, directory, apiKey);
    process.stdout.write(`\n${markdown}${bars}`);
    mkdirSync('bench/results', { recursive: true });
    writeFileSync(resultsPath, markdown + bars);
    log(`\nwritten to ${resultsPath}`);
    const failed = results.some(
      (result) =>
        result.failure !== undefined || result.cells.some((cell) => cell.status === 'failed') || (result.ttfb !== undefined && 'status' in result.ttfb),
    );
    if (!failed) rmSync(directory, { recursive: true, force: true });
    return failed ? 1 : 0;
  } finally {
    await registry.stopAll();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
