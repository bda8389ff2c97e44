import { EventEmitter } from 'node:events';
import type { RelaySink } from './relay-upstream-response.ts';

/** Where a probe's answer goes: nowhere (only the status, the time and how the exchange ended matter). */
export class DiscardingSink extends EventEmitter implements RelaySink {
  writableEnded = false;
  destroyed = false;
  write(): boolean {
    return true;
  }
  end(): void {
    this.writableEnded = true;
  }
}
