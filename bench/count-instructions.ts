import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { formatSelfCostDifference, formatSelfCosts, parsePerfMap, readSelfCosts } from './attribute-instructions.ts';
import { benchApiKey } from './bench-api-key.ts';
import type { ClientProtocol } from './bench-targets.ts';
import { buildTargetRequest, streamEndMarker } from './build-target-request.ts';
import type { ChildProcessRegistry } from './child-process-registry.ts';
import { detectCorePinning, pinCurrentProcess } from './core-pinning.ts';
import { ensureCommand } from './ensure-command.ts';
import { findFreePort } from './find-free-port.ts';
import { prepareGatewayEntry } from './gateway-entry.ts';
import { median } from './median.ts';
import { readCollectedInstructions } from './read-collected-instructions.ts';
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
  const counts = new Map<TargetName, number[]>(targets.map((name) => [name, []]));
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
      });
      const perRequest = counted.perRequest;
      counts.get(name)?.push(perRequest);
      if (attributeTop !== undefined) {
        const previous = lastRounds.get(name);
        if (previous?.perfMap !== undefined) rmSync(previous.perfMap, { force: true });
        lastRounds.set(name, counted);
      }
      process.stderr.write(`round ${round}: ${name} ${Math.round(perRequest).toLocaleString('en-US')} instructions per request\n`);
    }
  }

  const first = median(counts.get(targets[0] as TargetName) ?? []);
  const lines = [
    `instructions per streamed request (callgrind), ${rounds} round(s) × ${requests} requests after ${warmup} to warm up, concurrency ${concurrency}; a fresh process each`,
    '',
    `| target | median | ÷ ${targets[0]} | each round |`,
    '|---|---:|---:|---|',
    ...targets.map((name) => {
      const values = counts.get(name) ?? [];
      const format = (value: number): string => Math.round(value).toLocaleString('en-US');
      return `| ${name} | ${format(median(values))} | ${(median(values) / first).toFixed(3)} × | ${values.map(format).join(', ')} |`;
    }),
    '',
  ];
  if (attributeTop !== undefined) lines.push(...attributeCounts(targets, lastRounds, requests, attributeTop));
  return lines.join('\n');
}

/** ATTRIBUTE: the tables of attribute-instructions.ts for each target's last round. */
function attributeCounts(targets: readonly TargetName[], rounds: ReadonlyMap<TargetName, CountedRound>, requests: number, top: number): string[] {
  const costs = new Map<TargetName, Map<string, number>>();
  for (const name of targets) {
    const round = rounds.get(name);
    if (round?.perfMap === undefined || !existsSync(round.perfMap)) throw new Error(`${name}: no V8 perf map to name its JIT code`);
    const annotated = spawnSync('callgrind_annotate', ['--inclusive=no', '--threshold=100', round.callgrindOut], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (annotated.status !== 0) throw new Error(`callgrind_annotate failed: ${annotated.stderr}`);
    costs.set(name, readSelfCosts(annotated.stdout, parsePerfMap(readFileSync(round.perfMap, 'utf8'))));
    rmSync(round.perfMap, { force: true });
  }
  const first = targets[0] as TargetName;
  const tables = targets.map((name) => formatSelfCosts(name, costs.get(name) ?? new Map(), requests, top));
  for (const name of targets.slice(1))
    tables.push(formatSelfCostDifference(first, costs.get(first) ?? new Map(), name, costs.get(name) ?? new Map(), requests, top));
  return ['Counted with --perf-basic-prof (V8 names its code): compare these targets with each other, not with runs without it.', '', ...tables];
}

/** One counted round: instructions per request, and with ATTRIBUTE where callgrind and V8 wrote their files. */
interface CountedRound {
  readonly perRequest: number;
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
  const nodeArgs = options.attribute ? ['--perf-basic-prof', ...targetArgs] : targetArgs;
  // Not beside the config: the gateway watches the config's directory, and its log is written ~50 times a second.
  const logPath = join(options.directory, 'logs', `count-${options.round}-${options.name}.log`);
  const target = await startTargetProcess(registry, {
    nodeArgs,
    wrapper: [options.valgrind, '--tool=callgrind', '--instr-atstart=no', `--callgrind-out-file=${join(options.directory, 'callgrind.%p')}`],
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
  return {
    perRequest: readCollectedInstructions(readFileSync(logPath, 'utf8')) / options.requests,
    callgrindOut: join(options.directory, `callgrind.${target.pid}`),
    // V8 writes its map to /tmp whatever the working directory.
    perfMap: options.attribute ? `/tmp/perf-${target.pid}.map` : undefined,
  };
}

function switchCounting(pid: number, state: 'on' | 'off'): void {
  const result = spawnSync('callgrind_control', ['-i', state, String(pid)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`callgrind_control -i ${state} ${pid} failed: ${result.stderr || result.stdout}`);
}

runBenchScript('count-instructions', countInstructions);
