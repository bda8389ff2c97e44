import { throughputConcurrency } from './compare-to-pass-through.ts';
import { findCell } from './find-cell.ts';
import { formatInteger, formatRatio } from './format-figures.ts';
import type { StreamMode, TargetName, TargetResult } from './target-result.ts';

/** A gateway variant measured against the plain fast path (`gateway`), with the bar it must keep. */
export interface VariantCostSection {
  readonly title: string;
  readonly variants: readonly TargetName[];
  /** Lowest acceptable req/s variant ÷ gateway at c=64, per variant that has a bar. */
  readonly bars?: Partial<Record<TargetName, number>>;
  /**
   * Lowest acceptable req/s gateway ÷ variant at c=64, for a variant that does less than `gateway` (the
   * bar is on what `gateway` costs over it).
   */
  readonly gatewayBars?: Partial<Record<TargetName, number>>;
}

function divide(numerator: number | undefined, denominator: number | undefined): number | undefined {
  if (numerator === undefined || denominator === undefined || denominator <= 0) return undefined;
  return numerator / denominator;
}

/**
 * What a feature costs on the fast path: each variant's req/s and CPU µs per request beside the plain
 * `gateway` target's, per mode and concurrency, and whether each bar holds at c=64 in both modes.
 * Empty when neither the variants nor `gateway` were measured.
 */
export function formatVariantCost(targets: readonly TargetResult[], concurrencies: readonly number[], section: VariantCostSection): string[] {
  const measured = section.variants.filter((name) => targets.some((target) => target.name === name));
  if (measured.length === 0 || !targets.some((target) => target.name === 'gateway')) return [];
  const lines = [
    '',
    `### ${section.title}`,
    '',
    '| variant | mode | c | req/s variant ÷ gateway | CPU µs/req gateway | CPU µs/req variant | added CPU µs/req |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  const verdicts: string[] = [];
  for (const name of measured) {
    let barHeld: boolean | undefined;
    let gatewayBarHeld: boolean | undefined;
    for (const mode of ['non-stream', 'stream'] as const satisfies readonly StreamMode[]) {
      for (const concurrency of concurrencies) {
        const base = findCell(targets, 'gateway', mode, concurrency);
        const variant = findCell(targets, name, mode, concurrency);
        const ratio = divide(variant?.requestsPerSecond, base?.requestsPerSecond);
        const added =
          base?.cpuUsPerRequest === undefined || variant?.cpuUsPerRequest === undefined ? undefined : variant.cpuUsPerRequest - base.cpuUsPerRequest;
        lines.push(
          `| ${name} | ${mode} | ${concurrency} | ${formatRatio(ratio)} | ${formatInteger(base?.cpuUsPerRequest)} | ${formatInteger(variant?.cpuUsPerRequest)} | ${formatInteger(added)} |`,
        );
        const bar = section.bars?.[name];
        if (bar !== undefined && concurrency === throughputConcurrency) barHeld = (barHeld ?? true) && ratio !== undefined && ratio >= bar;
        const gatewayBar = section.gatewayBars?.[name];
        if (gatewayBar !== undefined && concurrency === throughputConcurrency) {
          gatewayBarHeld = (gatewayBarHeld ?? true) && ratio !== undefined && 1 / ratio >= gatewayBar;
        }
      }
    }
    const bar = section.bars?.[name];
    if (bar !== undefined)
      verdicts.push(`${name}: req/s ≥ ${bar} × gateway at c=${throughputConcurrency}, both modes: **${barHeld === true ? 'met' : 'NOT met'}**`);
    const gatewayBar = section.gatewayBars?.[name];
    if (gatewayBar !== undefined) {
      verdicts.push(
        `gateway: req/s ≥ ${gatewayBar} × ${name} at c=${throughputConcurrency}, both modes: **${gatewayBarHeld === true ? 'met' : 'NOT met'}** (single cells are noisy; bench/compare-interleaved.ts alternates them)`,
      );
    }
  }
  if (verdicts.length > 0) lines.push('', ...verdicts);
  return lines;
}
