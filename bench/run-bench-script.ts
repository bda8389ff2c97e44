import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChildProcessRegistry } from './child-process-registry.ts';

/**
 * Runs a bench script's `measure` with a process registry and a scratch directory, prints what it returns,
 * and exits: 0, or 1 with the error on stderr. Every process the script started is stopped; the directory
 * (logs, configs) is kept when the script failed.
 */
export function runBenchScript(name: string, measure: (registry: ChildProcessRegistry, directory: string) => Promise<string>): void {
  const registry = new ChildProcessRegistry();
  const directory = mkdtempSync(join(tmpdir(), `llm-proxy-${name}-`));
  measure(registry, directory)
    .then((output) => {
      process.stdout.write(output);
      rmSync(directory, { recursive: true, force: true });
    })
    .finally(() => registry.stopAll())
    .then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${name} failed: ${error instanceof Error ? error.message : String(error)} (logs in ${directory})\n`);
        process.exit(1);
      },
    );
}
