import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Checkouts built by this process. */
const built = new Set<string>();

/**
 * How the bench starts a gateway: as `npm start` does, the bundle scripts/build.mjs makes
 * (`node --enable-source-maps dist/main.mjs`), built here first. `directory` is the checkout (another one
 * for an A/B of two builds); one without scripts/build.mjs (before the compiled start) runs src/main.ts
 * through tsx, as its `npm start` did.
 */
export function prepareGatewayEntry(directory: string = process.cwd()): (configPath: string) => string[] {
  if (!existsSync(join(directory, 'scripts/build.mjs'))) return (configPath) => ['--import', 'tsx', 'src/main.ts', '--config', configPath];
  // Once per checkout and bench process: the sources do not change during a run.
  if (!built.has(directory)) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: directory, stdio: 'inherit' });
    built.add(directory);
  }
  return (configPath) => ['--enable-source-maps', 'dist/main.mjs', '--config', configPath];
}
