import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type BenchTargetDefinition, benchTargets } from './bench-targets.ts';
import { buildTargetRequest, streamEndMarker } from './build-target-request.ts';
import type { ChildProcessRegistry } from './child-process-registry.ts';
import type { CorePinning } from './core-pinning.ts';
import { findFreePort } from './find-free-port.ts';
import { measureTtfb } from './measure-ttfb.ts';
import type { MockUpstreamClient } from './mock-upstream-client.ts';
import { readProcessTreeUsage } from './read-process-tree-usage.ts';
import { runWrk } from './run-wrk.ts';
import { samplePeakRss } from './sample-peak-rss.ts';
import { startTargetProcess, type TargetProcess } from './start-target-process.ts';
import type { CellFailure, CellMeasurement, CellResult, StreamMode, TargetName, TargetResult, TtfbMeasurement } from './target-result.ts';
import { verifyTarget } from './verify-target.ts';
import { writeGatewayConfig } from './write-gateway-config.ts';

export interface BenchSettings {
  registry: ChildProcessRegistry;
  wrkPath: string;
  pinning: CorePinning | undefined;
  mock: MockUpstreamClient;
  /** Scratch directory for logs and the gateway config. */
  directory: string;
  apiKey: string;
  modes: readonly StreamMode[];
  concurrencies: readonly number[];
  warmupSeconds: number;
  durationSeconds: number;
  ttfbRequests: number;
  readyTimeoutMs: number;
  /** The gateway's node arguments for a config file (gateway-entry.ts: the bundle `npm start` runs). */
  gatewayEntry: (configPath: string) => string[];
  /** Progress lines (stderr). */
  log: (line: string) => void;
}

/** Wrk may count a few socket errors when connections close at the end of a run; more than this fails the cell. */
const maximumSocketErrorShare = 0.01;
const ttfbChunkDelayMs = 10;

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface StartedTarget {
  process: TargetProcess;
  origin: string;
}

/** Starts the target's process: the pass-through, or the gateway (the same config for every gateway target). */
async function startTarget(name: TargetName, settings: BenchSettings): Promise<StartedTarget> {
  const port = await findFreePort();
  const upstreamApiBase = `${settings.mock.origin}/v1`;
  const nodeArgs =
    benchTargets[name].process === 'pass-through'
      ? ['--import', 'tsx', 'bench/pass-through.ts', String(port), upstreamApiBase]
      : settings.gatewayEntry(
          writeGatewayConfig({
            directory: settings.directory,
            port,
            upstreamApiBase,
            apiKey: settings.apiKey,
            limits: (benchTargets[name] as BenchTargetDefinition).limits ?? 'off',
            quiet: (benchTargets[name] as BenchTargetDefinition).quiet === true,
            redisUrl: process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
          }),
        );
  const started = await startTargetProcess(settings.registry, {
    nodeArgs,
    env: { ...process.env, PORT: String(port) },
    port,
    core: settings.pinning?.targetCore,
    logPath: join(settings.directory, `${name}.log`),
    readyTimeoutMs: settings.readyTimeoutMs,
  });
  return { process: started, origin: `http://127.0.0.1:${port}` };
}

async function measureCell(
  name: TargetName,
  origin: string,
  pid: number | undefined,
  mode: StreamMode,
  concurrency: number,
  settings: BenchSettings,
): Promise<CellMeasurement | CellFailure> {
  const { path, headers, body } = buildTargetRequest(benchTargets[name].clientProtocol, mode === 'stream', settings.apiKey);
  const wrkOptions = {
    wrkPath: settings.wrkPath,
    url: `${origin}${path}`,
    concurrency,
    body,
    headers,
    core: settings.pinning?.loadCore,
  };
  const sampler = pid === undefined ? undefined : samplePeakRss(pid);
  try {
    await runWrk(settings.registry, { ...wrkOptions, durationSeconds: settings.warmupSeconds });
    const countBefore = await settings.mock.count();
    const cpuBefore = pid === undefined ? undefined : readProcessTreeUsage(pid).cpuUs;
    const summary = await runWrk(settings.registry, { ...wrkOptions, durationSeconds: settings.durationSeconds });
    const cpuAfter = pid === undefined ? undefined : readProcessTreeUsage(pid).cpuUs;
    const upstreamRequests = (await settings.mock.count()) - countBefore;
    const peakRssBytes = sampler?.stop();
    const { errors } = summary;
    const socketErrors = errors.connect + errors.read + errors.write + errors.timeout;
    if (summary.requests === 0) return { status: 'failed', reason: `no request completed (socket errors: ${socketErrors})` };
    if (errors.status > 0) return { status: 'failed', reason: `${errors.status} of ${summary.requests} responses were not 2xx/3xx` };
    if (socketErrors > summary.requests * maximumSocketErrorShare) {
      return { status: 'failed', reason: `${socketErrors} socket errors for ${summary.requests} requests (${JSON.stringify(errors)})` };
    }
    if (upstreamRequests < summary.requests) {
      return { status: 'failed', reason: `only ${upstreamRequests} of ${summary.requests} requests reached the mock upstream` };
    }
    return {
      status: 'ok',
      requests: summary.requests,
      requestsPerSecond: summary.requests / (summary.durationUs / 1_000_000),
      p50Us: summary.latencyUs.p50,
      p99Us: summary.latencyUs.p99,
      cpuUsPerRequest: cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / summary.requests,
      peakRssBytes,
      upstreamRequests,
      socketErrors,
    };
  } catch (error) {
    return { status: 'failed', reason: describeError(error) };
  } finally {
    sampler?.stop();
  }
}

async function measureTargetTtfb(name: TargetName, origin: string, settings: BenchSettings): Promise<TtfbMeasurement | CellFailure> {
  const protocol = benchTargets[name].clientProtocol;
  try {
    await settings.mock.setChunkDelay(ttfbChunkDelayMs);
    return await measureTtfb({
      origin,
      request: buildTargetRequest(protocol, true, settings.apiKey),
      endMarker: streamEndMarker(protocol),
      requests: settings.ttfbRequests,
      warmupRequests: Math.min(20, settings.ttfbRequests),
    });
  } catch (error) {
    return { status: 'failed', reason: describeError(error) };
  } finally {
    // A failure here shows in the next cells; do not let it hide the TTFB result.
    await settings.mock.setChunkDelay(0).catch(() => undefined);
  }
}

/** Failed cells for every mode and concurrency, when the target never got to be measured. */
function failAllCells(name: TargetName, reason: string, settings: BenchSettings): CellResult[] {
  return settings.modes.flatMap((mode) =>
    settings.concurrencies.map((concurrency): CellResult => ({ target: name, mode, concurrency, status: 'failed', reason })),
  );
}

/** Starts one target (none for direct), checks it answers correctly, runs every cell and the TTFB loop, stops it. */
export async function benchTarget(name: TargetName, settings: BenchSettings): Promise<TargetResult> {
  const result: TargetResult = { name, failure: undefined, startupMs: undefined, idleRssBytes: undefined, ttfb: undefined, cells: [] };
  let target: TargetProcess | undefined;
  let origin = settings.mock.origin;
  try {
    if (benchTargets[name].process !== 'none') {
      settings.log(`[${name}] starting`);
      const started = await startTarget(name, settings);
      target = started.process;
      origin = started.origin;
      result.startupMs = target.startupMs;
      await sleep(500);
      result.idleRssBytes = readProcessTreeUsage(target.pid).rssBytes;
    }
    const countBefore = await settings.mock.count();
    await verifyTarget(origin, benchTargets[name].clientProtocol, settings.apiKey);
    if ((await settings.mock.count()) - countBefore < 2) {
      throw new Error('its answers to the preflight requests did not come from the mock upstream (/count did not move)');
    }
  } catch (error) {
    result.failure = `${name}: ${describeError(error)}`;
    result.cells = failAllCells(name, 'target not measured', settings);
    if (target !== undefined) await settings.registry.stop(target.child);
    return result;
  }
  for (const mode of settings.modes) {
    for (const concurrency of settings.concurrencies) {
      const cell = await measureCell(name, origin, target?.pid, mode, concurrency, settings);
      result.cells.push({ target: name, mode, concurrency, ...cell });
      settings.log(
        cell.status === 'ok'
          ? `[${name}] ${mode} c=${concurrency}: ${Math.round(cell.requestsPerSecond)} req/s, p50 ${(cell.p50Us / 1000).toFixed(3)} ms`
          : `[${name}] ${mode} c=${concurrency}: FAILED: ${cell.reason}`,
      );
    }
  }
  result.ttfb = await measureTargetTtfb(name, origin, settings);
  if (target !== undefined) await settings.registry.stop(target.child);
  return result;
}
