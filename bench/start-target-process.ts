import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import type { ChildProcessRegistry } from './child-process-registry.ts';
import { pinCommand } from './core-pinning.ts';
import { waitForHealth } from './wait-for-health.ts';

export interface TargetProcessOptions {
  /** Arguments to `node` (e.g. `['--import', 'tsx', 'bench/pass-through.ts', '9000']`). */
  nodeArgs: string[];
  env: NodeJS.ProcessEnv;
  port: number;
  core: number | undefined;
  /** stdout and stderr go to this file, so that nobody has to drain a pipe. */
  logPath: string;
  readyTimeoutMs: number;
  /** Working directory (another checkout, for an A/B of two builds); the current one by default. */
  cwd?: string | undefined;
  /** A command that runs node (e.g. `['valgrind', '--tool=callgrind']`): `wrapper… node nodeArgs…`. */
  wrapper?: readonly string[] | undefined;
}

export interface TargetProcess {
  child: ChildProcess;
  pid: number;
  /** Spawn to the first 200 from GET /health. */
  startupMs: number;
}

/** The first line that names an error (a stack trace's message comes first) and the last lines of the log. */
function readLogTail(logPath: string): string {
  let lines: string[];
  try {
    lines = readFileSync(logPath, 'utf8').trim().split('\n');
  } catch {
    return '';
  }
  const tail = lines.slice(-10);
  const firstError = lines.find((line) => /error/i.test(line));
  return [...(firstError === undefined || tail.includes(firstError) ? [] : [firstError, '…']), ...tail].join('\n');
}

/** Starts a Node process (pinned when `core` is set) and waits until its /health answers 200. */
export async function startTargetProcess(registry: ChildProcessRegistry, options: TargetProcessOptions): Promise<TargetProcess> {
  const logFd = openSync(options.logPath, 'w');
  const [wrapperCommand, ...wrapperArgs] = options.wrapper ?? [];
  const [command, args] =
    wrapperCommand === undefined
      ? pinCommand(options.core, process.execPath, options.nodeArgs)
      : pinCommand(options.core, wrapperCommand, [...wrapperArgs, process.execPath, ...options.nodeArgs]);
  const startedAt = performance.now();
  const child = registry.spawn(command, args, { stdio: ['ignore', logFd, logFd], env: options.env, cwd: options.cwd ?? process.cwd() });
  closeSync(logFd);
  const hasExited = (): boolean => child.exitCode !== null || child.signalCode !== null;
  const ready = await waitForHealth(`http://127.0.0.1:${options.port}/health`, options.readyTimeoutMs, hasExited);
  const startupMs = performance.now() - startedAt;
  if (!ready || child.pid === undefined) {
    const why = hasExited()
      ? `exited with ${child.exitCode ?? child.signalCode} before answering /health`
      : `no 200 from /health within ${options.readyTimeoutMs / 1000} s`;
    await registry.stop(child);
    const tail = readLogTail(options.logPath);
    throw new Error(`${why} (log ${options.logPath})${tail ? `; last lines:\n${tail}` : ''}`);
  }
  return { child, pid: child.pid, startupMs };
}
