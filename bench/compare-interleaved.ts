/**
 * Pass-through, the gateway's fast path and its translated path (Anthropic client -> OpenAI provider),
 * and the fast path of a second gateway with metrics and logging off ("everything off", issue 6's
 * yardstick), measured in alternation rather than one after the other:
 *   node --import tsx bench/compare-interleaved.ts [stream|non-stream] [ROUNDS=5] [SECONDS=3] [CONCURRENCY=64]
 * One mock, one pass-through and two gateways stay up (all pinned to the target core; only the one under
 * load runs); each round runs wrk against each variant in turn, so that load from other jobs on a shared
 * machine falls on all alike. Prints the medians (req/s, CPU µs/req of the target process tree), the
 * translated ÷ pass-through ratio of each round, and the fast path ÷ everything off of each round. `npm run bench` stays the reference for the full
 * table; use this when a run's load changed between its targets.
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
import { readProcessTreeUsage } from './read-process-tree-usage.ts';
import { runWrk } from './run-wrk.ts';
import { startTargetProcess } from './start-target-process.ts';
import { writeGatewayConfig } from './write-gateway-config.ts';

interface Variant {
  name: string;
  pid: number;
  origin: string;
  protocol: ClientProtocol;
  requestsPerSecond: number[];
  cpuUsPerRequest: number[];
}

const apiKey = 'sk-bench-key';

function median(values: readonly number[]): number {
  return [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const [modeArgument = 'stream', roundsArgument = '5', secondsArgument = '3', concurrencyArgument = '64'] = process.argv.slice(2);
  const stream = modeArgument !== 'non-stream';
  const rounds = Number(roundsArgument);
  const seconds = Number(secondsArgument);
  const concurrency = Number(concurrencyArgument);
  const wrkPath = ensureWrk();
  const pinning = detectCorePinning();
  if (pinning !== undefined) pinCurrentProcess(pinning.loadCore);
  const registry = new ChildProcessRegistry();
  const directory = mkdtempSync(join(tmpdir(), 'llm-proxy-interleaved-'));
  const start = async (name: string, nodeArgs: string[], port: number, core: number | undefined) =>
    startTargetProcess(registry, {
      nodeArgs,
      env: { ...process.env, PORT: String(port) },
      port,
      core,
      logPath: join(directory, `${name}.log`),
      readyTimeoutMs: 20_000,
    });
  try {
    const mockPort = await findFreePort();
    await start('mock-upstream', ['--import', 'tsx', 'bench/mock-upstream.ts', String(mockPort)], mockPort, pinning?.loadCore);
    const upstreamApiBase = `http://127.0.0.1:${mockPort}/v1`;
    const passThroughPort = await findFreePort();
    const passThrough = await start(
      'pass-through',
      ['--import', 'tsx', 'bench/pass-through.ts', String(passThroughPort), upstreamApiBase],
      passThroughPort,
      pinning?.targetCore,
    );
    const gatewayPort = await findFreePort();
    const config = writeGatewayConfig({ directory, port: gatewayPort, upstreamApiBase, apiKey });
    const gateway = await start('gateway', ['--import', 'tsx', 'src/main.ts', '--config', config], gatewayPort, pinning?.targetCore);
    const quietPort = await findFreePort();
    const quietConfig = writeGatewayConfig({ directory, port: quietPort, upstreamApiBase, apiKey, quiet: true });
    const quiet = await start('gateway-quiet', ['--import', 'tsx', 'src/main.ts', '--config', quietConfig], quietPort, pinning?.targetCore);
    const variant = (name: string, pid: number, port: number, protocol: ClientProtocol): Variant => ({
      name,
      pid,
      origin: `http://127.0.0.1:${port}`,
      protocol,
      requestsPerSecond: [],
      cpuUsPerRequest: [],
    });
    const variants = [
      variant('pass-through', passThrough.pid, passThroughPort, 'openai-chat'),
      variant('gateway (fast path)', gateway.pid, gatewayPort, 'openai-chat'),
      variant('gateway-translated', gateway.pid, gatewayPort, 'anthropic-messages'),
      variant('gateway-quiet (fast path, metrics and logging off)', quiet.pid, quietPort, 'openai-chat'),
      // The quiet gateway serves translated requests too, so that both gateways see the same mix (a
      // process serving one path alone runs it faster: docs/performance.md).
      variant('gateway-quiet-translated', quiet.pid, quietPort, 'anthropic-messages'),
    ];
    // Round 0 warms every variant up (1 s) and is not counted.
    for (let round = 0; round <= rounds; round += 1) {
      for (const target of variants) {
        const { path, headers, body } = buildTargetRequest(target.protocol, stream, apiKey);
        const cpuBefore = readProcessTreeUsage(target.pid).cpuUs;
        const summary = await runWrk(registry, {
          wrkPath,
          url: `${target.origin}${path}`,
          concurrency,
          durationSeconds: round === 0 ? 1 : seconds,
          body,
          headers,
          core: pinning?.loadCore,
        });
        const cpuUs = readProcessTreeUsage(target.pid).cpuUs - cpuBefore;
        if (summary.errors.status > 0 || summary.requests === 0) throw new Error(`${target.name}: ${summary.errors.status} non-2xx of ${summary.requests}`);
        if (round === 0) continue;
        target.requestsPerSecond.push(summary.requests / (summary.durationUs / 1_000_000));
        target.cpuUsPerRequest.push(cpuUs / summary.requests);
      }
    }
    const [passThroughResult, fastPath, translated, quietFastPath] = variants as [Variant, Variant, Variant, Variant, Variant];
    const lines = [
      `${stream ? 'stream' : 'non-stream'}, c=${concurrency}, ${rounds} rounds × ${seconds} s, interleaved; medians`,
      '',
      '| target | req/s | CPU µs/req | req/s ÷ pass-through | CPU/req ÷ fast path |',
      '|---|---:|---:|---:|---:|',
      ...variants.map(
        (target) =>
          `| ${target.name} | ${Math.round(median(target.requestsPerSecond)).toLocaleString('en-US')} | ${Math.round(median(target.cpuUsPerRequest))} | ` +
          `${(median(target.requestsPerSecond) / median(passThroughResult.requestsPerSecond)).toFixed(2)} × | ` +
          `${(median(target.cpuUsPerRequest) / median(fastPath.cpuUsPerRequest)).toFixed(2)} × |`,
      ),
      '',
      `translated ÷ pass-through req/s per round: ${translated.requestsPerSecond
        .map((value, index) => (value / (passThroughResult.requestsPerSecond[index] ?? Number.NaN)).toFixed(2))
        .join(', ')}`,
      '',
      `fast path ÷ everything off req/s per round (issue 6: ≥ 0.9): ${fastPath.requestsPerSecond
        .map((value, index) => (value / (quietFastPath.requestsPerSecond[index] ?? Number.NaN)).toFixed(2))
        .join(', ')}; medians ${(median(fastPath.requestsPerSecond) / median(quietFastPath.requestsPerSecond)).toFixed(2)} ×`,
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
    process.stderr.write(`compare-interleaved failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
