import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

function getStatus(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const outgoing = request(url, { agent: false, timeout: 1000 }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    outgoing.on('timeout', () => outgoing.destroy());
    outgoing.on('error', () => resolve(undefined));
    outgoing.end();
  });
}

/**
 * Polls `url` every 10 ms until it answers 200. Resolves true then, false after `timeoutMs`, or at once
 * when `hasExited()` says the process being waited for is gone.
 */
export async function waitForHealth(url: string, timeoutMs: number, hasExited: () => boolean): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (hasExited()) return false;
    if ((await getStatus(url)) === 200) return true;
    await sleep(10);
  }
  return false;
}
