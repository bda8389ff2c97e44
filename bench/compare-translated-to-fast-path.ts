import { minimumThroughputRatio, throughputConcurrency } from './compare-to-pass-through.ts';
import { findCell } from './find-cell.ts';
import type { StreamMode, TargetResult } from './target-result.ts';

export interface TranslatedCellComparison {
  mode: StreamMode;
  concurrency: number;
  /** gateway-translated req/s ÷ pass-through req/s. */
  throughputRatio: number | undefined;
  /** gateway-translated req/s ÷ gateway (fast path) req/s. */
  throughputRatioToFastPath: number | undefined;
  fastPathCpuUsPerRequest: number | undefined;
  translatedCpuUsPerRequest: number | undefined;
  /** gateway-translated CPU µs/req ÷ gateway (fast path) CPU µs/req. */
  cpuRatioToFastPath: number | undefined;
}

export interface TranslatedComparison {
  /** Empty when gateway-translated was not measured (then the table leaves the section out). */
  cells: TranslatedCellComparison[];
  /** Issue 3: the translated stream keeps >= 0.6 x the pass-through's req/s at the highest concurrency. */
  streamBarMet: boolean | undefined;
}

function divide(numerator: number | undefined, denominator: number | undefined): number | undefined {
  if (numerator === undefined || denominator === undefined || denominator <= 0) return undefined;
  return numerator / denominator;
}

/** The translated target (Anthropic client -> OpenAI provider) against the pass-through and the gateway's fast path. */
export function compareTranslatedToFastPath(targets: readonly TargetResult[], concurrencies: readonly number[]): TranslatedComparison {
  if (!targets.some((target) => target.name === 'gateway-translated')) return { cells: [], streamBarMet: undefined };
  const cells = (['non-stream', 'stream'] as const).flatMap((mode) =>
    concurrencies.map((concurrency): TranslatedCellComparison => {
      const passThrough = findCell(targets, 'pass-through', mode, concurrency);
      const fastPath = findCell(targets, 'gateway', mode, concurrency);
      const translated = findCell(targets, 'gateway-translated', mode, concurrency);
      return {
        mode,
        concurrency,
        throughputRatio: divide(translated?.requestsPerSecond, passThrough?.requestsPerSecond),
        throughputRatioToFastPath: divide(translated?.requestsPerSecond, fastPath?.requestsPerSecond),
        fastPathCpuUsPerRequest: fastPath?.cpuUsPerRequest,
        translatedCpuUsPerRequest: translated?.cpuUsPerRequest,
        cpuRatioToFastPath: divide(translated?.cpuUsPerRequest, fastPath?.cpuUsPerRequest),
      };
    }),
  );
  const streamRatio = cells.find((cell) => cell.mode === 'stream' && cell.concurrency === throughputConcurrency)?.throughputRatio;
  return { cells, streamBarMet: streamRatio === undefined ? undefined : streamRatio >= minimumThroughputRatio };
}
