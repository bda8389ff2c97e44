import { join } from 'node:path';
import { baselineNodeFlags } from './baseline-node-flags.ts';
import type { ClientProtocol } from './bench-targets.ts';
import { buildTargetRequest } from './build-target-request.ts';
import type { ChildProcessRegistry } from './child-process-registry.ts';
import type { CorePinning } from './core-pinning.ts';
import { findFreePort } from './find-free-port.ts';
import { prepareGatewayEntry } from './gateway-entry.ts';
import { median } from './median.ts';
import { readProcessTreeUsage } from './read-process-tree-usage.ts';
import { runWrk, type WrkSummary } from './run-wrk.ts';
import { startTargetProcess, type TargetProcess } from './start-target-process.ts';
import { writeGatewayConfig } from './write-gateway-config.ts';

/**
 * Targets a pair names:
 * `pt` pass-through (OpenAI client); `gw` the gateway with the bench's default config, fast path, and
 * `gw-t` the same process translating (Anthropic client -> OpenAI provider); `q` and `q-t` a gateway with
 * metrics and logging off ("everything off", issue 6); `b`, `b-t`, `bq`, `bq-t` the same four run from
 * the checkout at `baselineDirectory` (an A/B of two builds).
 */
export const targetNames = ['pt', 'gw', 'gw-t', 'q', 'q-t', 'b', 'b-t', 'bq', 'bq-t'] as const;

export interface SimultaneousPairsOptions {
  readonly registry: ChildProcessRegistry;
  readonly pinning: CorePinning;
  readonly wrkPath: string;
  /** The mock upstream's API base, e.g. http://127.0.0.1:9000/v1. */
  readonly upstreamApiBase: string;
  /** For logs and gateway configs. */
  readonly directory: string;
  readonly apiKey: string;
  readonly stream: boolean;
  readonly rounds: number;
  readonly seconds: number;
  readonly concurrency: number;
  /** `[A, B]` target names; B ÷ A is reported. */
  readonly pairs: readonly (readonly [string, string])[];
  readonly baselineDirectory?: string | undefined;
  /**
   * Fresh sets of processes, each measured for `rounds` rounds (default 1). A process keeps its speed
   * relative to its partner for its whole life: one pair's rounds read 1.51–1.69 in one set and
   * 0.88–0.98 in the next, minutes apart; several sets are needed for a verdict.
   */
  readonly sets?: number;
}

export interface PairResult {
  readonly a: string;
  readonly b: string;
  /** Per measured round: B's CPU µs per request ÷ A's, over the same seconds. */
  readonly cpuRatios: number[];
  /** Per measured round: B's requests ÷ A's. */
  readonly throughputRatios: number[];
  readonly cpuA: number[];
  readonly cpuB: number[];
  /** The median CPU ratio of each set of processes. */
  readonly setRatios: number[];
}

interface Target {
  pid: number;
  origin: string;
  protocol: ClientProtocol;
}

/** Each target alone before the pairs: V8 was still compiling 150–180 hot functions after 2 s of load. */
const warmUpSeconds = 4;

/**
 * Two proxies measured at the same time on the same core, pair by pair. Every round runs each pair once:
 * one wrk against A and one against B, started together, each with `concurrency` connections, both proxies
 * pinned to the target core. They share that core (and the mock) for the same seconds, so a slow spell of
 * the machine falls on both alike: on this kind of shared VM the speed of a core drifts by up to 2.5 × over
 * minutes (docs/performance.md#measuring-on-a-noisy-machine), which runs one after the other cannot tell
 * from a change in the code. Starts the processes it needs and stops them before it returns.
 */
export async function measureSimultaneousPairs(options: SimultaneousPairsOptions): Promise<PairResult[]> {
  const results: PairResult[] = options.pairs.map(([a, b]) => ({ a, b, cpuRatios: [], throughputRatios: [], cpuA: [], cpuB: [], setRatios: [] }));
  for (let set = 0; set < (options.sets ?? 1); set += 1) {
    const setResults = await measureOneSet(options, set);
    setResults.forEach((setResult, index) => {
      const result = results[index] as PairResult;
      result.cpuRatios.push(...setResult.cpuRatios);
      result.throughputRatios.push(...setResult.throughputRatios);
      result.cpuA.push(...setResult.cpuA);
      result.cpuB.push(...setResult.cpuB);
      result.setRatios.push(median(setResult.cpuRatios));
    });
  }
  return results;
}

/** One set of fresh processes: started, warmed up, measured `rounds` rounds, stopped. */
async function measureOneSet(options: SimultaneousPairsOptions, set: number): Promise<PairResult[]> {
  const { registry, pinning } = options;
  const wanted = new Set(options.pairs.flat());
  for (const name of wanted) {
    if (!(targetNames as readonly string[]).includes(name)) throw new Error(`unknown target "${name}" (${targetNames.join(', ')})`);
  }
  for (const [a, b] of options.pairs) {
    if (a.replace(/-t$/, '') === b.replace(/-t$/, '')) throw new Error(`${a}/${b}: one process serves both; pair two processes`);
  }
  if ([...wanted].some((name) => name.startsWith('b')) && options.baselineDirectory === undefined) throw new Error('targets b… need a baseline directory');
  const started: TargetProcess[] = [];
  const start = async (name: string, nodeArgs: string[], port: number, cwd?: string): Promise<TargetProcess> => {
    const target = await startTargetProcess(registry, {
      nodeArgs,
      env: { ...process.env, PORT: String(port) },
      port,
      core: pinning.targetCore,
      logPath: join(options.directory, `simultaneous-${set}-${name}.log`),
      readyTimeoutMs: 20_000,
      cwd,
    });
    started.push(target);
    return target;
  };
  try {
    const targets = new Map<string, Target>();
    if (wanted.has('pt')) {
      const port = await findFreePort();
      const { pid } = await start('pass-through', ['--import', 'tsx', 'bench/pass-through.ts', String(port), options.upstreamApiBase], port);
      targets.set('pt', { pid, origin: `http://127.0.0.1:${port}`, protocol: 'openai-chat' });
    }
    for (const [prefix, quiet, cwd] of [
      ['gw', false, undefined],
      ['q', true, undefined],
      ['b', false, options.baselineDirectory],
      ['bq', true, options.baselineDirectory],
    ] as const) {
      if (!wanted.has(prefix) && !wanted.has(`${prefix}-t`)) continue;
      const port = await findFreePort();
      const config = writeGatewayConfig({ directory: options.directory, port, upstreamApiBase: options.upstreamApiBase, apiKey: options.apiKey, quiet });
      const flags = cwd === undefined ? [] : baselineNodeFlags();
      const { pid } = await start(prefix, [...flags, ...prepareGatewayEntry(cwd)(config)], port, cwd);
      targets.set(prefix, { pid, origin: `http://127.0.0.1:${port}`, protocol: 'openai-chat' });
      targets.set(`${prefix}-t`, { pid, origin: `http://127.0.0.1:${port}`, protocol: 'anthropic-messages' });
    }
    const load = (target: Target, durationSeconds: number): Promise<WrkSummary> => {
      const { path, headers, body } = buildTargetRequest(target.protocol, options.stream, options.apiKey);
      return runWrk(registry, {
        wrkPath: options.wrkPath,
        url: `${target.origin}${path}`,
        concurrency: options.concurrency,
        durationSeconds,
        body,
        headers,
        core: pinning.loadCore,
      });
    };
    for (const name of wanted) await load(targets.get(name) as Target, warmUpSeconds);
    const results: PairResult[] = options.pairs.map(([a, b]) => ({ a, b, cpuRatios: [], throughputRatios: [], cpuA: [], cpuB: [], setRatios: [] }));
    // Round 0 warms each pair up together and is not counted: with a process still compiling its hot
    // functions, round 1 read as low as 0.71 × its partner's CPU per request against ~1.25 in later rounds.
    for (let round = 0; round <= options.rounds; round += 1) {
      for (const result of results) {
        const targetA = targets.get(result.a) as Target;
        const targetB = targets.get(result.b) as Target;
        const before = [readProcessTreeUsage(targetA.pid).cpuUs, readProcessTreeUsage(targetB.pid).cpuUs];
        const duration = round === 0 ? Math.max(2, options.seconds) : options.seconds;
        const [summaryA, summaryB] = await Promise.all([load(targetA, duration), load(targetB, duration)]);
        const cpuA = (readProcessTreeUsage(targetA.pid).cpuUs - (before[0] ?? 0)) / summaryA.requests;
        const cpuB = (readProcessTreeUsage(targetB.pid).cpuUs - (before[1] ?? 0)) / summaryB.requests;
        for (const [name, summary] of [
          [result.a, summaryA],
          [result.b, summaryB],
        ] as const) {
          if (summary.errors.status > 0 || summary.requests === 0) throw new Error(`${name}: ${summary.errors.status} non-2xx of ${summary.requests}`);
        }
        if (round === 0) continue;
        result.cpuA.push(cpuA);
        result.cpuB.push(cpuB);
        result.cpuRatios.push(cpuB / cpuA);
        result.throughputRatios.push(summaryB.requests / summaryA.requests);
      }
    }
    return results;
  } finally {
    for (const target of started) await registry.stop(target.child);
  }
}

/** The pairs as a markdown table: medians over every round of every set, each set's median, and every round. */
export function formatSimultaneousPairs(results: readonly PairResult[]): string[] {
  return [
    '| A / B | CPU µs/req A | CPU µs/req B | B ÷ A CPU/req | B ÷ A req/s | per set of processes | per round, B ÷ A CPU/req |',
    '|---|---:|---:|---:|---:|---|---|',
    ...results.map(
      (result) =>
        `| ${result.a}/${result.b} | ${Math.round(median(result.cpuA))} | ${Math.round(median(result.cpuB))} | ${median(result.cpuRatios).toFixed(2)} × | ` +
        `${median(result.throughputRatios).toFixed(2)} × | ${result.setRatios.map((ratio) => ratio.toFixed(2)).join(', ')} | ` +
        `${result.cpuRatios.map((ratio) => ratio.toFixed(2)).join(', ')} |`,
    ),
  ];
}
