import { spawnSync } from 'node:child_process';

function findWrk(): string | undefined {
  const result = spawnSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' });
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
 * The path of `wrk`. When it is missing and we are root, installs the Debian package (running
 * `apt-get update` first if the plain install fails); otherwise throws with what to do.
 */
export function ensureWrk(): string {
  const existing = findWrk();
  if (existing !== undefined) return existing;
  if (process.getuid?.() !== 0) {
    throw new Error('wrk is not on PATH: install it (Debian/Ubuntu: `sudo apt-get install -y wrk`) and rerun');
  }
  process.stderr.write('wrk is not on PATH; installing the Debian package\n');
  if (!aptGet(['install', '-y', '-q', 'wrk'])) {
    aptGet(['update', '-q']);
    aptGet(['install', '-y', '-q', 'wrk']);
  }
  const installed = findWrk();
  if (installed === undefined) throw new Error('could not install wrk with apt-get; install it by hand and rerun');
  return installed;
}
