import { findCell } from './find-cell.ts';
import type { StreamMode, TargetName, TargetResult } from './target-result.ts';

/** Latency a proxy adds at concurrency 1: its p50 minus direct's p50 (same mode), in µs. */
export function computeAddedP50(targets: readonly TargetResult[], name: TargetName, mode: StreamMode): number | undefined {
  const direct = findCell(targets, 'direct', mode, 1);
  const target = findCell(targets, name, mode, 1);
  return direct === undefined || target === undefined ? undefined : target.p50Us - direct.p50Us;
}
