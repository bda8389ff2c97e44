/**
 * Two proxies measured at the same time on the same core, pair by pair:
 *   node --import tsx bench/compare-simultaneous.ts [stream|non-stream] [ROUNDS=5] [SECONDS=3] [CONCURRENCY=64] [PAIRS]
 * PAIRS is a comma-separated list of `A/B` (default `pt/gw-t,pt/gw,q/gw,q-t/gw-t`), from these targets:
 *   pt    pass-through (bench/pass-through.ts), an OpenAI client
 *   gw    the gateway with the bench's default config, fast path (OpenAI client -> OpenAI provider)
 *   gw-t  the same gateway process, translated (Anthropic client -> OpenAI provider)
 *   q     a gateway with metrics and logging off ("everything off", issue 6), fast path
 *   q-t   the same quiet gateway, translated
 *   b, b-t, bq, bq-t   the same four, run from the checkout at BASELINE_DIR (an A/B of two builds)
 * Every round runs each pair once: one wrk against A and one against B, started together, each with
 * CONCURRENCY connections, both proxies pinned to the target core. They share that core (and the mock)
 * for the same seconds, so a slow spell of the machine falls on both alike. On this kind of shared VM
 * the speed of a core drifts by up to 2.5 × over minutes (docs/performance.md), which one-after-the-other
 * runs cannot tell from a change in the code. Each pair's figure is B's CPU µs per request ÷ A's, both
 * from the same seconds (with the proxy's core saturated, the inverse of its throughput ratio), and B's
 * req/s ÷ A's (the scheduler shares the core between the two, so it follows the CPU ratio).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientProtocol } from './bench-targets.ts';
import { buildTargetRequest } from './build-target-request.ts';
import { ChildProcessRegistry } from './child-process-registry.ts';
import { detectCorePinning, pinCurrentProcess } from './core-pinning.ts';
import { ensureWrk } from './ensure-wrk.ts';
import { findFreePort } from './find-free-port.ts';
import { prepareGatewayEntry } from './gateway-entry.ts';
import { readProcessTreeUsage } from './read-process-tree-usage.ts';
import { runWrk, type WrkSummary } from './run-wrk.ts';
import { startTargetProcess } from './start-target-process.ts';
import { writeGatewayConfig } from './write-gateway-config.ts';

interface Target {
  pid: number;
  origin: string;
  protocol: ClientProtocol;
}

interface PairResult {
  cpuRatios: number[];
  throughputRatios: number[];
  cpuA: number[];
  cpuB: number[];
}

const apiKey = 'sk-bench-key';
const defaultPairs = 'pt/gw-t,pt/gw,q/gw,q-t/gw-t';

function median(values: readonly number[]): number {
  return [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const [modeArgument = 'stream', roundsArgument = '5', secondsArgument = '3', concurrencyArgument = '64', pairsArgument = defaultPairs] =
    process.argv.slice(2);
  const stream = modeArgument !== 'non-stream';
  const rounds = Number(roundsArgument);
  const seconds = Number(secondsArgument);
  const concurrency = Number(concurrencyArgument);
  const pairs = pairsArgument.split(',').map((pair) => {
    const [a, b] = pair.split('/');
    if (a === undefined || b === undefined) throw new Error(`a pair is A/B, got "${pair}"`);
    return [a, b] as const;
  });
  const baselineDirectory = process.env['BASELINE_DIR'];
  const wanted = new Set(pairs.flat());
  if ([...wanted].some((name) => name.startsWith('b')) && baselineDirectory === undefined) throw new Error('targets b… need BASELINE_DIR');
  const wrkPath = ensureWrk();
  const pinning = detectCorePinning();
  if (pinning === undefined) throw new Error('needs two cores or more: the proxies share one, the mock and wrk another');
  pinCurrentProcess(pinning.loadCore);
  const registry = new ChildProcessRegistry();
  const directory = mkdtempSync(join(tmpdir(), 'llm-proxy-simultaneous-'));
  const start = async (name: string, nodeArgs: string[], port: number, core: number, cwd?: string) =>
    startTargetProcess(registry, {
      nodeArgs,
      env: { ...process.env, PORT: String(port) },
      port,
      core,
      logPath: join(directory, `${name}.log`),
      readyTimeoutMs: 20_000,
      cwd,
    });
  try {
    const mockPort = await findFreePort();
    await start('mock-upstream', ['--import', 'tsx', 'bench/mock-upstream.ts', String(mockPort)], mockPort, pinning.loadCore);
    const upstreamApiBase = `http://127.0.0.1:${mockPort}/v1`;
    const targets = new Map<string, Target>();
    if (wanted.has('pt')) {
      const port = await findFreePort();
      const { pid } = await start('pass-through', ['--import', 'tsx', 'bench/pass-through.ts', String(port), upstreamApiBase], port, pinning.targetCore);
      targets.set('pt', { pid, origin: `http://127.0.0.1:${port}`, protocol: 'openai-chat' });
    }
    for (const [prefix, quiet, cwd] of [
      ['gw', false, undefined],
      ['q', true, undefined],
      ['b', false, baselineDirectory],
      ['bq', true, baselineDirectory],
    ] as const) {
      if (!wanted.has(prefix) && !wanted.has(`${prefix}-t`)) continue;
      const port = await findFreePort();
      const config = writeGatewayConfig({ directory, port, upstreamApiBase, apiKey, quiet });
      const { pid } = await start(prefix, prepareGatewayEntry(cwd)(config), port, pinning.targetCore, cwd);
      targets.set(prefix, { pid, origin: `http://127.0.0.1:${port}`, protocol: 'openai-chat' });
      targets.set(`${prefix}-t`, { pid, origin: `http://127.0.0.1:${port}`, protocol: 'anthropic-messages' });
    }
    const load = (target: Target, durationSeconds: number): Promise<WrkSummary> => {
      const { path, headers, body } = buildTargetRequest(target.protocol, stream, apiKey);
      return runWrk(registry, { wrkPath, url: `${target.origin}${path}`, concurrency, durationSeconds, body, headers, core: pinning.loadCore });
    };
    const results = new Map(pairs.map(([a, b]) => [`${a}/${b}`, { cpuRatios: [], throughputRatios: [], cpuA: [], cpuB: [] } as PairResult]));
    // Round 0 warms each pair up and is not counted: as long as a measured round (at least 2 s), since a
    // process still compiling its hot functions in round 1 read up to 0.84 × its partner's CPU per request.
    for (let round = 0; round <= rounds; round += 1) {
      for (const [a, b] of pairs) {
        const targetA = targets.get(a);
        const targetB = targets.get(b);
        if (targetA === undefined || targetB === undefined) throw new Error(`unknown target in ${a}/${b} (pt, gw, gw-t, q, q-t, b, b-t, bq, bq-t)`);
        const before = [readProcessTreeUsage(targetA.pid).cpuUs, readProcessTreeUsage(targetB.pid).cpuUs];
        const duration = round === 0 ? Math.max(2, seconds) : seconds;
        const [summaryA, summaryB] = await Promise.all([load(targetA, duration), load(targetB, duration)]);
        const cpuA = (readProcessTreeUsage(targetA.pid).cpuUs - (before[0] ?? 0)) / summaryA.requests;
        const cpuB = (readProcessTreeUsage(targetB.pid).cpuUs - (before[1] ?? 0)) / summaryB.requests;
        for (const [name, summary] of [
          [a, summaryA],
          [b, summaryB],
        ] as const) {
          if (summary.errors.status > 0 || summary.requests === 0) throw new Error(`${name}: ${summary.errors.status} non-2xx of ${summary.requests}`);
        }
        if (round === 0) continue;
        // A gateway serving both of a pair (gw/gw-t) counts both in its CPU: not a pair to measure.
        if (targetA.pid === targetB.pid) throw new Error(`${a}/${b}: one process; pair two processes`);
        const result = results.get(`${a}/${b}`) as PairResult;
        result.cpuA.push(cpuA);
        result.cpuB.push(cpuB);
        result.cpuRatios.push(cpuB / cpuA);
        result.throughputRatios.push(summaryB.requests / summaryA.requests);
      }
    }
    const lines = [
      `${stream ? 'stream' : 'non-stream'}, c=${concurrency} each, ${rounds} rounds × ${seconds} s, A and B at the same time on one core; medians`,
      '',
      '| A / B | CPU µs/req A | CPU µs/req B | B ÷ A CPU/req | B ÷ A req/s | per round, B ÷ A CPU/req |',
      '|---|---:|---:|---:|---:|---|',
      ...[...results].map(
        ([pair, result]) =>
          `| ${pair} | ${Math.round(median(result.cpuA))} | ${Math.round(median(result.cpuB))} | ${median(result.cpuRatios).toFixed(2)} × | ` +
          `${median(result.throughputRatios).toFixed(2)} × | ${result.cpuRatios.map((ratio) => ratio.toFixed(2)).join(', ')} |`,
      ),
      '',
    ];
    process.stdout.write(lines.join('\n'));
    rmSync(directory, { recursive: true, force: true });
  } finally {
    await registry.stopAll();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`compare-simultaneous failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
