import type { CellMeasurement, CellResult, StreamMode, TargetName, TargetResult } from './target-result.ts';

/** The measured cell of one target, mode and concurrency; undefined when absent or failed. */
export function findCell(
  targets: readonly TargetResult[],
  name: TargetName,
  mode: StreamMode,
  concurrency: number,
): (CellResult & CellMeasurement) | undefined {
  const cell = targets.find((target) => target.name === name)?.cells.find((candidate) => candidate.mode === mode && candidate.concurrency === concurrency);
  return cell?.status === 'ok' ? cell : undefined;
}
