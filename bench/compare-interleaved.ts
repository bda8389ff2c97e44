/**
 * Pass-through, the gateway's fast path and its translated path (Anthropic client -> OpenAI provider),
 * and the fast path of a second gateway with metrics and logging off ("everything off", issue 6's
 * yardstick), measured in alternation rather than one after the other:
 *   node --import tsx bench/compare-interleaved.ts [stream|non-stream] [ROUNDS=5] [SECONDS=3] [CONCURRENCY=64] [PROCESSES=1]
 * One mock, one pass-through and two gateways stay up (all pinned to the target core; only the one under
 * load runs); each round runs wrk against each variant in turn, so that load from other jobs on a shared
 * machine falls on all alike. Prints the medians (req/s, CPU µs/req of the target process tree), the
 * translated ÷ pass-through ratio of each round, and the fast path ÷ everything off of each round.
 * PROCESSES > 1 starts that many of each process and measures each in every round: two processes of the
 * same build differ by up to ~20 % on a shared machine (docs/performance.md), so a small difference needs
 * several; bench/compare-simultaneous.ts measures two at the same time instead, so that a slow spell of the
 * machine falls on both alike. The gateways run as `npm start` runs them (gateway-entry.ts).
 */
import { join } from 'node:path';
import { benchApiKey } from './bench-api-key.ts';
import type { ClientProtocol } from './bench-targets.ts';
import { buildTargetRequest } from './build-target-request.ts';
import type { ChildProcessRegistry } from './child-process-registry.ts';
import { detectCorePinning, pinCurrentProcess } from './core-pinning.ts';
import { ensureWrk } from './ensure-wrk.ts';
import { findFreePort } from './find-free-port.ts';
import { prepareGatewayEntry } from './gateway-entry.ts';
import { median } from './median.ts';
import { readProcessTreeUsage } from './read-process-tree-usage.ts';
import { runBenchScript } from './run-bench-script.ts';
import { runWrk } from './run-wrk.ts';
import { startMockUpstream } from './start-mock-upstream.ts';
import { startTargetProcess } from './start-target-process.ts';
import { writeGatewayConfig } from './write-gateway-config.ts';

/** One process serving a variant: a variant has one per `PROCESSES`. */
interface Instance {
  pid: number;
  origin: string;
}

interface Variant {
  name: string;
  instances: Instance[];
  protocol: ClientProtocol;
  requestsPerSecond: number[];
  cpuUsPerRequest: number[];
}

const apiKey = benchApiKey;

async function compareInterleaved(registry: ChildProcessRegistry, directory: string): Promise<string> {
  const [modeArgument = 'stream', roundsArgument = '5', secondsArgument = '3', concurrencyArgument = '64', processesArgument = '1'] = process.argv.slice(2);
  const stream = modeArgument !== 'non-stream';
  const rounds = Number(roundsArgument);
  const seconds = Number(secondsArgument);
  const concurrency = Number(concurrencyArgument);
  const processes = Number(processesArgument);
  if (!Number.isInteger(processes) || processes < 1) throw new Error(`PROCESSES must be a whole number ≥ 1, got "${processesArgument}"`);
  const wrkPath = ensureWrk();
  const pinning = detectCorePinning();
  if (pinning !== undefined) pinCurrentProcess(pinning.loadCore);
  const start = async (name: string, nodeArgs: string[], port: number, core: number | undefined) =>
    startTargetProcess(registry, {
      nodeArgs,
      env: { ...process.env, PORT: String(port) },
      port,
      core,
      logPath: join(directory, `${name}.log`),
      readyTimeoutMs: 20_000,
    });
  const upstreamApiBase = `${await startMockUpstream(registry, directory, pinning?.loadCore)}/v1`;
  const gatewayEntry = prepareGatewayEntry();
  const variant = (name: string, protocol: ClientProtocol): Variant => ({ name, instances: [], protocol, requestsPerSecond: [], cpuUsPerRequest: [] });
  const passThrough = variant('pass-through', 'openai-chat');
  const fastPath = variant('gateway (fast path)', 'openai-chat');
  const translated = variant('gateway-translated', 'anthropic-messages');
  const quietFastPath = variant('gateway-quiet (fast path, metrics and logging off)', 'openai-chat');
  // The quiet gateway serves translated requests too, so that both gateways see the same mix (a
  // process serving one path alone runs it faster: docs/performance.md).
  const quietTranslated = variant('gateway-quiet-translated', 'anthropic-messages');
  const variants = [passThrough, fastPath, translated, quietFastPath, quietTranslated];
  for (let index = 0; index < processes; index += 1) {
    const passThroughPort = await findFreePort();
    const passThroughProcess = await start(
      `pass-through-${index}`,
      ['--import', 'tsx', 'bench/pass-through.ts', String(passThroughPort), upstreamApiBase],
      passThroughPort,
      pinning?.targetCore,
    );
    passThrough.instances.push({ pid: passThroughProcess.pid, origin: `http://127.0.0.1:${passThroughPort}` });
    for (const [quiet, fast, translating] of [
      [false, fastPath, translated],
      [true, quietFastPath, quietTranslated],
    ] as const) {
      const port = await findFreePort();
      const config = writeGatewayConfig({ directory, port, upstreamApiBase, apiKey, quiet });
      const name = `${quiet ? 'gateway-quiet' : 'gateway'}-${index}`;
      const gateway = await start(name, gatewayEntry(config), port, pinning?.targetCore);
      const instance = { pid: gateway.pid, origin: `http://127.0.0.1:${port}` };
      fast.instances.push(instance);
      translating.instances.push(instance);
    }
  }
  async function measure(target: Variant, instance: Instance, round: number): Promise<void> {
    const { path, headers, body } = buildTargetRequest(target.protocol, stream, apiKey);
    const cpuBefore = readProcessTreeUsage(instance.pid).cpuUs;
    const summary = await runWrk(registry, {
      wrkPath,
      url: `${instance.origin}${path}`,
      concurrency,
      durationSeconds: round === 0 ? 1 : seconds,
      body,
      headers,
      core: pinning?.loadCore,
    });
    const cpuUs = readProcessTreeUsage(instance.pid).cpuUs - cpuBefore;
    if (summary.errors.status > 0 || summary.requests === 0) throw new Error(`${target.name}: ${summary.errors.status} non-2xx of ${summary.requests}`);
    if (round === 0) return;
    target.requestsPerSecond.push(summary.requests / (summary.durationUs / 1_000_000));
    target.cpuUsPerRequest.push(cpuUs / summary.requests);
  }
  // Round 0 warms every variant up (1 s) and is not counted.
  for (let round = 0; round <= rounds; round += 1) {
    for (let index = 0; index < processes; index += 1) {
      for (const target of variants) {
        await measure(target, target.instances[index] as Instance, round);
      }
    }
  }
  const lines = [
    `${stream ? 'stream' : 'non-stream'}, c=${concurrency}, ${rounds} rounds × ${seconds} s × ${processes} process(es) of each, interleaved; medians`,
    '',
    '| target | req/s | CPU µs/req | req/s ÷ pass-through | CPU/req ÷ fast path |',
    '|---|---:|---:|---:|---:|',
    ...variants.map(
      (target) =>
        `| ${target.name} | ${Math.round(median(target.requestsPerSecond)).toLocaleString('en-US')} | ${Math.round(median(target.cpuUsPerRequest))} | ` +
        `${(median(target.requestsPerSecond) / median(passThrough.requestsPerSecond)).toFixed(2)} × | ` +
        `${(median(target.cpuUsPerRequest) / median(fastPath.cpuUsPerRequest)).toFixed(2)} × |`,
    ),
    '',
    `translated ÷ pass-through req/s per round (and process): ${translated.requestsPerSecond
      .map((value, index) => (value / (passThrough.requestsPerSecond[index] ?? Number.NaN)).toFixed(2))
      .join(', ')}`,
    '',
    `fast path ÷ everything off req/s per round (and process) (issue 6: ≥ 0.9): ${fastPath.requestsPerSecond
      .map((value, index) => (value / (quietFastPath.requestsPerSecond[index] ?? Number.NaN)).toFixed(2))
      .join(', ')}; medians ${(median(fastPath.requestsPerSecond) / median(quietFastPath.requestsPerSecond)).toFixed(2)} ×`,
    '',
  ];
  return lines.join('\n');
}

runBenchScript('compare-interleaved', compareInterleaved);
