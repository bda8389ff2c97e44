import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';

/**
 * Every process the runner starts, so that the end of the run and Ctrl-C stop all of them. Children get
 * their own process group (`detached`), so a signal to the group also reaches anything they started
 * (a gateway's workers), and the terminal's Ctrl-C reaches only the runner, which then stops them in order.
 */
export class ChildProcessRegistry {
  readonly #children = new Set<ChildProcess>();

  spawn(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
    const child = spawn(command, args, { ...options, detached: true });
    this.#children.add(child);
    child.once('exit', () => this.#children.delete(child));
    return child;
  }

  /** SIGTERM to the child's process group, SIGKILL after `graceMs` if it is still there. */
  async stop(child: ChildProcess, graceMs = 3000): Promise<void> {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
      this.#children.delete(child);
      return;
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    signalGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(child.pid ?? 0, 'SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
    // The leader is gone; anything it left in its group goes too.
    signalGroup(child.pid, 'SIGKILL');
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.#children].map((child) => this.stop(child)));
  }

  /** Synchronous last resort for process 'exit': SIGKILL to every group still registered. */
  killAllNow(): void {
    for (const child of this.#children) if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  if (pid <= 0) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
