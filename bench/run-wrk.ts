import { fileURLToPath } from 'node:url';
import type { ChildProcessRegistry } from './child-process-registry.ts';
import { pinCommand } from './core-pinning.ts';

export interface WrkOptions {
  wrkPath: string;
  url: string;
  concurrency: number;
  durationSeconds: number;
  /** The JSON body to POST (bench/build-target-request.ts). */
  body: string;
  /** Request headers, content-type and the client key included. */
  headers: Record<string, string>;
  core: number | undefined;
}

export interface WrkSummary {
  requests: number;
  durationUs: number;
  bytes: number;
  errors: { connect: number; read: number; write: number; status: number; timeout: number };
  latencyUs: { min: number; mean: number; max: number; p50: number; p90: number; p99: number; p999: number };
}

const scriptPath = fileURLToPath(new URL('./wrk-post.lua', import.meta.url));

function isWrkSummary(value: unknown): value is WrkSummary {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof WrkSummary, unknown>>;
  return typeof candidate.requests === 'number' && typeof candidate.latencyUs === 'object' && typeof candidate.errors === 'object';
}

/**
 * One wrk run: one thread, `concurrency` keep-alive connections, closed loop, POSTing `body` with
 * `headers` through wrk-post.lua; resolves with the JSON line its `done` callback prints (latencies in µs).
 */
export function runWrk(registry: ChildProcessRegistry, options: WrkOptions): Promise<WrkSummary> {
  const args = ['-t1', `-c${options.concurrency}`, `-d${options.durationSeconds}s`, '--timeout', '10s', '-s', scriptPath, options.url];
  const [command, commandArgs] = pinCommand(options.core, options.wrkPath, args);
  const child = registry.spawn(command, commandArgs, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      BENCH_BODY: options.body,
      BENCH_HEADERS: Object.entries(options.headers)
        .map(([name, value]) => `${name}: ${value}`)
        .join('\n'),
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('BENCH_JSON '));
      if (code !== 0 || line === undefined) {
        reject(new Error(`wrk exited with ${code}: ${(stderr || stdout).trim().slice(0, 500)}`));
        return;
      }
      const summary: unknown = JSON.parse(line.slice('BENCH_JSON '.length));
      if (!isWrkSummary(summary)) {
        reject(new Error(`unexpected wrk output: ${line}`));
        return;
      }
      resolve(summary);
    });
  });
}
