import { computeAddedP50 } from './compute-added-p50.ts';
import { findCell } from './find-cell.ts';
import type { StreamMode, TargetResult } from './target-result.ts';

/** The first bar (issue 2): throughput >= 0.6 x the pass-through's, added p50 <= 1.5 x the pass-through's. */
export const minimumThroughputRatio = 0.6;
export const maximumAddedP50Ratio = 1.5;
/** Throughput is compared at the highest concurrency, added latency at concurrency 1. */
export const throughputConcurrency = 64;

export interface ModeComparison {
  mode: StreamMode;
  /** Gateway req/s ÷ pass-through req/s, per concurrency. */
  throughputRatio: Map<number, number | undefined>;
  /** Gateway CPU µs/req ÷ pass-through CPU µs/req, per concurrency. */
  cpuRatio: Map<number, number | undefined>;
  passThroughAddedP50Us: number | undefined;
  gatewayAddedP50Us: number | undefined;
  /** Gateway added p50 ÷ pass-through added p50 at concurrency 1. */
  addedP50Ratio: number | undefined;
}

export interface PassThroughComparison {
  modes: ModeComparison[];
  /** Undefined when a figure it needs is missing (gateway, pass-through or direct not measured). */
  firstBarMet: boolean | undefined;
}

function divide(numerator: number | undefined, denominator: number | undefined): number | undefined {
  if (numerator === undefined || denominator === undefined || denominator <= 0) return undefined;
  return numerator / denominator;
}

export function compareToPassThrough(targets: readonly TargetResult[], concurrencies: readonly number[]): PassThroughComparison {
  const modes = (['non-stream', 'stream'] as const).map((mode): ModeComparison => {
    const throughputRatio = new Map<number, number | undefined>();
    const cpuRatio = new Map<number, number | undefined>();
    for (const concurrency of concurrencies) {
      const passThrough = findCell(targets, 'pass-through', mode, concurrency);
      const gateway = findCell(targets, 'gateway', mode, concurrency);
      throughputRatio.set(concurrency, divide(gateway?.requestsPerSecond, passThrough?.requestsPerSecond));
      cpuRatio.set(concurrency, divide(gateway?.cpuUsPerRequest, passThrough?.cpuUsPerRequest));
    }
    const passThroughAddedP50Us = computeAddedP50(targets, 'pass-through', mode);
    const gatewayAddedP50Us = computeAddedP50(targets, 'gateway', mode);
    return {
      mode,
      throughputRatio,
      cpuRatio,
      passThroughAddedP50Us,
      gatewayAddedP50Us,
      addedP50Ratio: divide(gatewayAddedP50Us, passThroughAddedP50Us),
    };
  });
  const checks = modes.flatMap((comparison) => {
    const throughput = comparison.throughputRatio.get(throughputConcurrency);
    const added = comparison.addedP50Ratio;
    return [throughput === undefined ? undefined : throughput >= minimumThroughputRatio, added === undefined ? undefined : added <= maximumAddedP50Ratio];
  });
  const firstBarMet = checks.includes(undefined) ? undefined : checks.every(Boolean);
  return { modes, firstBarMet };
}
