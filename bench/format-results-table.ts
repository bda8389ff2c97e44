import { benchTargets } from './bench-targets.ts';
import { maximumAddedP50Ratio, minimumThroughputRatio, type PassThroughComparison, throughputConcurrency } from './compare-to-pass-through.ts';
import type { TranslatedComparison } from './compare-translated-to-fast-path.ts';
import { computeAddedP50 } from './compute-added-p50.ts';
import { dash, formatInteger, formatMb, formatMs, formatRatio } from './format-figures.ts';
import { formatTranslatedComparison } from './format-translated-comparison.ts';
import { formatVariantCost } from './format-variant-cost.ts';
import type { TargetResult } from './target-result.ts';

export interface BenchReport {
  /** One line about the machine and the run (date, Node, CPU, pinning, durations, commit). */
  runDescription: string;
  targets: readonly TargetResult[];
  concurrencies: readonly number[];
  comparison: PassThroughComparison;
  translated: TranslatedComparison;
}

function formatCells(report: BenchReport): string[] {
  const lines = ['| target | mode | c | req/s | p50 ms | p99 ms | added p50 µs | CPU µs/req | peak RSS MB |', '|---|---|---:|---:|---:|---:|---:|---:|---:|'];
  for (const target of report.targets) {
    for (const cell of target.cells) {
      const prefix = `| ${target.name} | ${cell.mode} | ${cell.concurrency} |`;
      if (cell.status === 'failed') {
        lines.push(`${prefix} failed | | | | | |`);
        continue;
      }
      const added = cell.concurrency === 1 && target.name !== 'direct' ? computeAddedP50(report.targets, target.name, cell.mode) : undefined;
      lines.push(
        `${prefix} ${formatInteger(cell.requestsPerSecond)} | ${formatMs(cell.p50Us)} | ${formatMs(cell.p99Us)} | ` +
          `${formatInteger(added)} | ${formatInteger(cell.cpuUsPerRequest)} | ${formatMb(cell.peakRssBytes)} |`,
      );
    }
  }
  return lines;
}

/** What each measured target is, so that a reader of the table alone knows which path a row measured. */
function formatLegend(report: BenchReport): string[] {
  return report.targets.map((target) => `- **${target.name}**: ${benchTargets[target.name].description}`);
}

function formatTargets(report: BenchReport): string[] {
  const lines = ['| target | startup ms | idle RSS MB | stream TTFB p50 ms | stream TTFB p99 ms |', '|---|---:|---:|---:|---:|'];
  for (const target of report.targets) {
    const ttfb = target.ttfb;
    const ttfbCells = ttfb === undefined ? `${dash} | ${dash}` : 'status' in ttfb ? `failed | ${dash}` : `${formatMs(ttfb.p50Us)} | ${formatMs(ttfb.p99Us)}`;
    lines.push(`| ${target.name} | ${formatInteger(target.startupMs)} | ${formatMb(target.idleRssBytes)} | ${ttfbCells} |`);
  }
  return lines;
}

function formatComparison(report: BenchReport): string[] {
  const { comparison } = report;
  const lines = ['| mode | c | req/s gateway ÷ pass-through | CPU/req gateway ÷ pass-through |', '|---|---:|---:|---:|'];
  for (const mode of comparison.modes) {
    for (const concurrency of report.concurrencies) {
      lines.push(`| ${mode.mode} | ${concurrency} | ${formatRatio(mode.throughputRatio.get(concurrency))} | ${formatRatio(mode.cpuRatio.get(concurrency))} |`);
    }
  }
  lines.push('', '| mode | added p50 µs at c=1: pass-through | gateway | gateway ÷ pass-through |', '|---|---:|---:|---:|');
  for (const mode of comparison.modes) {
    lines.push(
      `| ${mode.mode} | ${formatInteger(mode.passThroughAddedP50Us)} | ${formatInteger(mode.gatewayAddedP50Us)} | ${formatRatio(mode.addedP50Ratio)} |`,
    );
  }
  const verdict = comparison.firstBarMet === undefined ? 'not measured (needs direct, pass-through and gateway)' : comparison.firstBarMet ? 'met' : 'NOT met';
  lines.push(
    '',
    `First bar (req/s ≥ ${minimumThroughputRatio} × pass-through at c=${throughputConcurrency}, added p50 ≤ ${maximumAddedP50Ratio} × ` +
      `pass-through's at c=1, both modes): **${verdict}**`,
  );
  return lines;
}

function formatFailures(report: BenchReport): string[] {
  const failures: string[] = [];
  for (const target of report.targets) {
    if (target.failure !== undefined) {
      failures.push(`- ${target.failure.replaceAll('\n', '\n  ')}`);
      continue;
    }
    for (const cell of target.cells) {
      if (cell.status === 'failed') failures.push(`- ${target.name} ${cell.mode} c=${cell.concurrency}: ${cell.reason}`);
    }
    if (target.ttfb !== undefined && 'status' in target.ttfb) failures.push(`- ${target.name} TTFB: ${target.ttfb.reason}`);
  }
  return failures.length === 0 ? [] : ['', '### Failures', '', ...failures];
}

/** The results as markdown: cells, what each target is, per-target figures, the ratios to the pass-through, and any failure. */
export function formatResultsTable(report: BenchReport): string {
  return [
    report.runDescription,
    '',
    ...formatCells(report),
    '',
    ...formatLegend(report),
    '',
    ...formatTargets(report),
    '',
    '### Gateway (fast path) ÷ pass-through',
    '',
    ...formatComparison(report),
    ...formatTranslatedComparison(report.translated),
    ...formatVariantCost(report.targets, report.concurrencies, {
      title: 'Metrics and logging off ("everything off") ÷ gateway with its defaults',
      variants: ['gateway-quiet'],
      // Issue 6: with metrics and logging on (the default), throughput within 10 % of everything off.
      gatewayBars: { 'gateway-quiet': 0.9 },
    }),
    ...formatVariantCost(report.targets, report.concurrencies, {
      title: 'Rate limiting (every limit on, none biting) ÷ gateway without limits',
      variants: ['gateway-limits', 'gateway-limits-redis'],
      // Issue 5: in-memory limiting costs at most 5 % of throughput; Redis adds a round trip per phase, no bar.
      bars: { 'gateway-limits': 0.95 },
    }),
    ...formatFailures(report),
    '',
  ].join('\n');
}
