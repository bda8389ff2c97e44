import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { formatSelfCostDifference, formatSelfCosts, parsePerfMap, readSelfCosts } from './attribute-instructions.ts';
import { baselineNodeFlags } from './baseline-node-flags.ts';
import { benchApiKey } from './bench-api-key.ts';
import type { ClientProtocol } from './bench-targets.ts';
import { buildTargetRequest, streamEndMarker } from './build-target-request.ts';
import type { ChildProcessRegistry } from './child-process-registry.ts';
import { detectCorePinning, pinCurrentProcess } from './core-pinning.ts';
import { ensureCommand } from './ensure-command.ts';
import { findFreePort } from './find-free-port.ts';
import { prepareGatewayEntry } from './gateway-entry.ts';
import { median } from './median.ts';
import { readCallgrindTotals } from './read-callgrind-totals.ts';
import { runBenchScript } from './run-bench-script.ts';
import { sendRequests } from './send-requests.ts';
import { startMockUpstream } from './start-mock-upstream.ts';
import { startTargetProcess } from './start-target-process.ts';
import { writeGatewayConfig } from './write-gateway-config.ts';

/**
 * Instructions the gateway executes per streamed request, counted by valgrind rather than timed:
 *   node --import tsx bench/count-instructions.ts [ROUNDS=3] [TARGETS=gw-t,b-t] [REQUESTS=3000] [WARMUP=6000]
 * TARGETS: `gw` (fast path), `gw-t` (translated: Anthropic client -> OpenAI provider), `q` / `q-t` (the same
 * with metrics and logging off), `b`, `b-t`, `bq`, `bq-t`: the same of the checkout at BASELINE_DIR, and
 * `pt`: bench/pass-through.ts (through tsx), the yardstick of the bars.
 * Each round starts every target afresh under `valgrind --tool=callgrind` with counting off, warms it up
 * with WARMUP requests (so the JIT has settled), counts the instructions of all its threads over REQUESTS
 * (`callgrind_control -i on|off`), and stops it. Prints instructions per request, each round and the median,
 * and each target's median ÷ the first target's.
 *
 * Why: a count does not move with the machine's load, where CPU time per request moved by ±10–30 % between
 * runs minutes apart on the shared machine (docs/performance.md), far more than a change of a few percent.
 * The same build counted three times spread ±2–4 % (GC and JIT timing). What a count leaves out: the
 * kernel's work (socket reads and writes, the same for both builds) and memory stalls, so it ranks code
 * changes; the bars stay with `npm run bench`. Needs valgrind (installed from Debian's package when
 * missing and running as root); about 75 s per target and round.
 *
 * ATTRIBUTE=N also names where the instructions went: each target runs with `--perf-basic-prof`, and its
 * last round's callgrind output, with V8's generated code named from the perf map
 * (attribute-instructions.ts), gives its N functions of highest self cost per request and, for each target
 * after the first, the N that spend the most more than the first. Compare targets counted the same way:
 * `--perf-basic-prof` itself changed the default gateway's count (docs/performance.md).
 *
 * CACHE_SIM=1 also simulates the caches and branch predictors (`--cache-sim=yes --branch-sim=yes`, about
 * twice as slow) and prints each target's L1 instruction and data misses and mispredicted branches per
 * request: the gateway's extra cost over the pass-through is in these more than in its instructions
 * (docs/performance.md, "Cache misses, not instructions"). With ATTRIBUTE, ATTRIBUTE_EVENT (e.g. `I1mr`,
 * `Bcm`; default `Ir`) is the event the functions are ranked by.
 * BASELINE_NODE_FLAGS adds node flags to the b… targets only (an A/B of a runtime flag on one build).
 */

const targetNames = ['pt', 'gw', 'gw-t', 'q', 'q-t', 'b', 'b-t', 'bq', 'bq-t'] as const;
type TargetName = (typeof targetNames)[number];

function isTargetName(name: string): name is TargetName {
  return (targetNames as readonly string[]).includes(name);
}

const apiKey = benchApiKey;
const concurrency = 16;

async function countInstructions(registry: ChildProcessRegistry, directory: string): Promise<string> {
  const [roundsArgument = '3', targetsArgument = 'gw-t,b-t', requestsArgument = '3000', warmupArgument = '6000'] = process.argv.slice(2);
  const rounds = Number(roundsArgument);
  const requests = Number(requestsArgument);
  const warmup = Number(warmupArgument);
  for (const [name, value] of [
    ['ROUNDS', rounds],
    ['REQUESTS', requests],
    ['WARMUP', warmup],
  ] as const) {
    if (!Number.isInteger(value) || value < (name === 'WARMUP' ? 0 : 1)) throw new Error(`${name} must be a whole number, got ${value}`);
  }
  const targets = targetsArgument.split(',').map((name) => {
    if (!isTargetName(name)) throw new Error(`unknown target "${name}" (known: ${targetNames.join(', ')})`);
    return name;
  });
  const baselineDirectory = process.env['BASELINE_DIR'];
  if (targets.some((name) => name.startsWith('b')) && baselineDirectory === undefined) throw new Error('targets b… need BASELINE_DIR (another checkout)');
  const valgrind = ensureCommand('valgrind', 'valgrind');
  const pinning = detectCorePinning();
  if (pinning !== undefined) pinCurrentProcess(pinning.loadCore);
  const upstreamApiBase = `${await startMockUpstream(registry, directory, pinning?.loadCore)}/v1`;
  mkdirSync(join(directory, 'logs'));

  const attributeTop = process.env['ATTRIBUTE'] === undefined ? undefined : Number(process.env['ATTRIBUTE']);
  if (attributeTop !== undefined && !(Number.isInteger(attributeTop) && attributeTop > 0))
    throw new Error(`ATTRIBUTE must be a whole number ≥ 1, got ${process.env['ATTRIBUTE']}`);
  const cacheSim = process.env['CACHE_SIM'] === '1';
  const attributeEvent = process.env['ATTRIBUTE_EVENT'] ?? 'Ir';
  if (!(cacheSim ? [...simulatedEvents, 'Ir'] : ['Ir']).includes(attributeEvent))
    throw new Error(`ATTRIBUTE_EVENT ${attributeEvent} is not counted (Ir${cacheSim ? `, ${simulatedEvents.join(', ')}` : '; the others need CACHE_SIM=1'})`);
  /** Each round's events per request (`Ir`, and with CACHE_SIM the simulated ones), by target. */
  const perRound = new Map<TargetName, Map<string, number>[]>(targets.map((name) => [name, []]));
  /** ATTRIBUTE: each target's last round, its callgrind output and V8's perf map. */
  const lastRounds = new Map<TargetName, CountedRound>();
  for (let round = 1; round <= rounds; round += 1) {
    for (const name of targets) {
      const counted = await countTarget(registry, {
        name,
        round,
        directory,
        valgrind,
        upstreamApiBase,
        baselineDirectory,
        requests,
        warmup,
        core: pinning?.targetCore,
        attribute: attributeTop !== undefined,
        cacheSim,
        nodeFlags: name.startsWith('b') ? baselineNodeFlags() : [],
      });
      const perRequest = counted.perRequest.get('Ir') ?? 0;
      perRound.get(name)?.push(counted.perRequest);
      if (attributeTop !== undefined) {
        const previous = lastRounds.get(name);
        if (previous?.perfMap !== undefined) rmSync(previous.perfMap, { force: true });
        lastRounds.set(name, counted);
      }
      process.stderr.write(`round ${round}: ${name} ${Math.round(perRequest).toLocaleString('en-US')} instructions per request\n`);
    }
  }

  const instructions = (name: TargetName): number[] => (perRound.get(name) ?? []).map((events) => events.get('Ir') ?? 0);
  const first = median(instructions(targets[0] as TargetName));
  const lines = [
    `instructions per streamed request (callgrind), ${rounds} round(s) × ${requests} requests after ${warmup} to warm up, concurrency ${concurrency}; a fresh process each`,
    '',
    `| target | median | ÷ ${targets[0]} | each round |`,
    '|---|---:|---:|---|',
    ...targets.map((name) => {
      const values = instructions(name);
      const format = (value: number): string => Math.round(value).toLocaleString('en-US');
      return `| ${name} | ${format(median(values))} | ${(median(values) / first).toFixed(3)} × | ${values.map(format).join(', ')} |`;
    }),
    '',
  ];
  if (cacheSim) lines.push(...formatSimulatedEvents(targets, perRound));
  if (attributeTop !== undefined) lines.push(...attributeCounts(targets, lastRounds, requests, attributeTop, attributeEvent));
  return lines.join('\n');
}

/** ATTRIBUTE: the tables of attribute-instructions.ts for each target's last round. */
function attributeCounts(
  targets: readonly TargetName[],
  rounds: ReadonlyMap<TargetName, CountedRound>,
  requests: number,
  top: number,
  event: string,
): string[] {
  const costs = new Map<TargetName, Map<string, number>>();
  for (const name of targets) {
    const round = rounds.get(name);
    if (round?.perfMap === undefined || !existsSync(round.perfMap)) throw new Error(`${name}: no V8 perf map to name its JIT code`);
    const annotated = spawnSync('callgrind_annotate', ['--inclusive=no', '--threshold=100', `--show=${event}`, `--sort=${event}`, round.callgrindOut], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    if (annotated.status !== 0) throw new Error(`callgrind_annotate failed: ${annotated.stderr}`);
    costs.set(name, readSelfCosts(annotated.stdout, parsePerfMap(readFileSync(round.perfMap, 'utf8'))));
    rmSync(round.perfMap, { force: true });
  }
  const first = targets[0] as TargetName;
  const tables = targets.map((name) => formatSelfCosts(name, costs.get(name) ?? new Map(), requests, top, event));
  for (const name of targets.slice(1))
    tables.push(formatSelfCostDifference(first, costs.get(first) ?? new Map(), name, costs.get(name) ?? new Map(), requests, top));
  return [
    `${event} by function. Counted with --perf-basic-prof (V8 names its code): compare these targets with each other, not with runs without it.`,
    '',
    ...tables,
  ];
}

/** What CACHE_SIM adds, in the order printed: L1 misses (instruction, data read, data write), mispredicted conditional and indirect branches. */
const simulatedEvents = ['I1mr', 'D1mr', 'D1mw', 'Bcm', 'Bim'] as const;

/** CACHE_SIM: each target's median per request of each simulated event, and ÷ the first target's. */
function formatSimulatedEvents(targets: readonly TargetName[], perRound: ReadonlyMap<TargetName, Map<string, number>[]>): string[] {
  const medianOf = (name: TargetName, event: string): number => median((perRound.get(name) ?? []).map((events) => events.get(event) ?? 0));
  const first = targets[0] as TargetName;
  return [
    'simulated per request (callgrind --cache-sim --branch-sim; 32 KiB L1s): medians, and ÷ the first target',
    '',
    `| target | ${simulatedEvents.join(' | ')} |`,
    `|---|${simulatedEvents.map(() => '---:').join('|')}|`,
    ...targets.map(
      (name) =>
        `| ${name} | ${simulatedEvents
          .map((event) => `${Math.round(medianOf(name, event)).toLocaleString('en-US')} (${(medianOf(name, event) / medianOf(first, event)).toFixed(2)})`)
          .join(' | ')} |`,
    ),
    '',
  ];
}

/** One counted round: callgrind's events per request (`Ir`, and with CACHE_SIM the simulated ones), and with ATTRIBUTE where callgrind and V8 wrote their files. */
interface CountedRound {
  readonly perRequest: Map<string, number>;
  readonly callgrindOut: string;
  readonly perfMap: string | undefined;
}

interface CountOptions {
  name: TargetName;
  round: number;
  directory: string;
  valgrind: string;
  upstreamApiBase: string;
  baselineDirectory: string | undefined;
  requests: number;
  warmup: number;
  core: number | undefined;
  /** ATTRIBUTE: run with `--perf-basic-prof`, and keep the perf map. */
  attribute: boolean;
  /** CACHE_SIM: simulate the caches and branch predictors too. */
  cacheSim: boolean;
  /** Node flags before the target's own arguments (BASELINE_NODE_FLAGS for b… targets). */
  nodeFlags: readonly string[];
}

/** One fresh gateway under callgrind: warm up, count REQUESTS, stop; instructions per request. */
async function countTarget(registry: ChildProcessRegistry, options: CountOptions): Promise<CountedRound> {
  const protocol: ClientProtocol = options.name.endsWith('-t') ? 'anthropic-messages' : 'openai-chat';
  const prefix = options.name.replace(/-t$/, '');
  const cwd = prefix.startsWith('b') ? options.baselineDirectory : undefined;
  const port = await findFreePort();
  const targetArgs =
    prefix === 'pt'
      ? ['--import', 'tsx', 'bench/pass-through.ts', String(port), options.upstreamApiBase]
      : prepareGatewayEntry(cwd)(
          writeGatewayConfig({ directory: options.directory, port, upstreamApiBase: options.upstreamApiBase, apiKey, quiet: prefix.endsWith('q') }),
        );
  const nodeArgs = [...(options.attribute ? ['--perf-basic-prof'] : []), ...options.nodeFlags, ...targetArgs];
  // Not beside the config: the gateway watches the config's directory, and its log is written ~50 times a second.
  const logPath = join(options.directory, 'logs', `count-${options.round}-${options.name}.log`);
  const target = await startTargetProcess(registry, {
    nodeArgs,
    wrapper: [
      options.valgrind,
      '--tool=callgrind',
      '--instr-atstart=no',
      ...(options.cacheSim ? ['--cache-sim=yes', '--branch-sim=yes'] : []),
      `--callgrind-out-file=${join(options.directory, 'callgrind.%p')}`,
    ],
    env: { ...process.env, PORT: String(port) },
    port,
    core: options.core,
    logPath,
    readyTimeoutMs: 180_000,
    cwd,
  });
  try {
    const send = async (requests: number): Promise<void> => {
      const failed = await sendRequests({
        origin: `http://127.0.0.1:${port}`,
        request: buildTargetRequest(protocol, true, apiKey),
        expected: streamEndMarker(protocol),
        requests,
        concurrency,
      });
      if (failed > 0) throw new Error(`${options.name}: ${failed} of ${requests} answers were not a complete 200 stream (log ${logPath})`);
    };
    if (options.warmup > 0) await send(options.warmup);
    switchCounting(target.pid, 'on');
    await send(options.requests);
    switchCounting(target.pid, 'off');
  } finally {
    // The summary (valgrind's "Collected") is written at exit; a gateway under valgrind takes a while to stop.
    await registry.stop(target.child, 120_000);
  }
  const callgrindOut = join(options.directory, `callgrind.${target.pid}`);
  const totals = readCallgrindTotals(readFileSync(callgrindOut, 'utf8'));
  return {
    perRequest: new Map([...totals].map(([event, total]) => [event, total / options.requests])),
    callgrindOut,
    // V8 writes its map to /tmp whatever the working directory.
    perfMap: options.attribute ? `/tmp/perf-${target.pid}.map` : undefined,
  };
}

function switchCounting(pid: number, state: 'on' | 'off'): void {
  const result = spawnSync('callgrind_control', ['-i', state, String(pid)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`callgrind_control -i ${state} ${pid} failed: ${result.stderr || result.stdout}`);
}

runBenchScript('count-instructions', countInstructions);
