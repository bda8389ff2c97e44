import { spawnSync } from 'node:child_process';

function findCommand(command: string): string | undefined {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  const path = result.stdout?.trim();
  return result.status === 0 && path ? path : undefined;
}

function aptGet(args: string[]): boolean {
  const result = spawnSync('apt-get', args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/**
 * The path of `command` (a plain name: `wrk`, `valgrind`). When it is missing and we are root, installs
 * the Debian package `debianPackage` (running `apt-get update` first if the plain install fails);
 * otherwise throws with what to do.
 */
export function ensureCommand(command: string, debianPackage: string): string {
  const existing = findCommand(command);
  if (existing !== undefined) return existing;
  if (process.getuid?.() !== 0) {
    throw new Error(`${command} is not on PATH: install it (Debian/Ubuntu: \`sudo apt-get install -y ${debianPackage}\`) and rerun`);
  }
  process.stderr.write(`${command} is not on PATH; installing the Debian package ${debianPackage}\n`);
  if (!aptGet(['install', '-y', '-q', debianPackage])) {
    aptGet(['update', '-q']);
    aptGet(['install', '-y', '-q', debianPackage]);
  }
  const installed = findCommand(command);
  if (installed === undefined) throw new Error(`could not install ${debianPackage} with apt-get; install it by hand and rerun`);
  return installed;
}
