import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * How processes are placed on cores (../shared/anchors/README.md): the target (gateway or pass-through,
 * with all its children) on core 0; the mock upstream, wrk and this runner on core 1. Then "direct" is a
 * ceiling for every proxied figure and CPU per request is comparable between targets. Undefined when
 * the machine has fewer than 2 cores or no `taskset`: nothing is pinned and the figures are noisier.
 */
export interface CorePinning {
  targetCore: number;
  loadCore: number;
}

export function detectCorePinning(): CorePinning | undefined {
  if (availableParallelism() < 2) return undefined;
  if (spawnSync('taskset', ['-V']).status !== 0) return undefined;
  return { targetCore: 0, loadCore: 1 };
}

/** `taskset -c CORE command ...args` (taskset execs, so the child's pid is the command's), or the command as is. */
export function pinCommand(core: number | undefined, command: string, args: readonly string[]): [string, string[]] {
  return core === undefined ? [command, [...args]] : ['taskset', ['-c', String(core), command, ...args]];
}

/** Moves every thread of the current process to `core`; children spawned later inherit it. */
export function pinCurrentProcess(core: number): boolean {
  return spawnSync('taskset', ['-a', '-p', '-c', String(core), String(process.pid)], { stdio: 'ignore' }).status === 0;
}
