import { join } from 'node:path';
import type { ChildProcessRegistry } from './child-process-registry.ts';
import { findFreePort } from './find-free-port.ts';
import { startTargetProcess } from './start-target-process.ts';

/** Starts bench/mock-upstream.ts on a free port (pinned to `core` when set, its log in `directory`); resolves with its origin. */
export async function startMockUpstream(registry: ChildProcessRegistry, directory: string, core: number | undefined): Promise<string> {
  const port = await findFreePort();
  await startTargetProcess(registry, {
    nodeArgs: ['--import', 'tsx', 'bench/mock-upstream.ts', String(port)],
    env: process.env,
    port,
    core,
    logPath: join(directory, 'mock-upstream.log'),
    readyTimeoutMs: 20_000,
  });
  return `http://127.0.0.1:${port}`;
}
