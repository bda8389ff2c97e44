import { minimumThroughputRatio, throughputConcurrency } from './compare-to-pass-through.ts';
import type { TranslatedComparison } from './compare-translated-to-fast-path.ts';
import { formatInteger, formatRatio } from './format-figures.ts';

/** The translated target's section of the results: req/s ratios and CPU per request beside the fast path's. */
export function formatTranslatedComparison(comparison: TranslatedComparison): string[] {
  if (comparison.cells.length === 0) return [];
  const lines = [
    '',
    '### Translated (Anthropic client → OpenAI provider) against pass-through and fast path',
    '',
    '| mode | c | req/s translated ÷ pass-through | req/s translated ÷ fast path | CPU µs/req fast path | CPU µs/req translated | CPU/req translated ÷ fast path |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const cell of comparison.cells) {
    lines.push(
      `| ${cell.mode} | ${cell.concurrency} | ${formatRatio(cell.throughputRatio)} | ${formatRatio(cell.throughputRatioToFastPath)} | ` +
        `${formatInteger(cell.fastPathCpuUsPerRequest)} | ${formatInteger(cell.translatedCpuUsPerRequest)} | ${formatRatio(cell.cpuRatioToFastPath)} |`,
    );
  }
  const verdict =
    comparison.streamBarMet === undefined ? 'not measured (needs pass-through and gateway-translated)' : comparison.streamBarMet ? 'met' : 'NOT met';
  lines.push('', `Translated stream bar (req/s ≥ ${minimumThroughputRatio} × pass-through at c=${throughputConcurrency}, stream): **${verdict}**`);
  return lines;
}
