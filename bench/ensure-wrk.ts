import { ensureCommand } from './ensure-command.ts';

/** The path of `wrk`, installed from Debian's package when missing and we are root (ensure-command.ts). */
export function ensureWrk(): string {
  return ensureCommand('wrk', 'wrk');
}
