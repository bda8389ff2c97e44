/**
 * Names callgrind's costs, JIT code included: callgrind sees V8's generated code as `???:0x…`, and V8
 * started with `--perf-basic-prof` writes where each piece of code lies (`/tmp/perf-<pid>.map`: start,
 * size, name per line). count-instructions.ts uses this with `ATTRIBUTE`: the instructions per request each
 * function spent itself (self cost, `callgrind_annotate --inclusive=no`), and what one target spends more
 * than another. It found, for example, a loop over a string's characters whose optimized code called V8's
 * LoadIC builtin per character (docs/performance.md, "Naming the instructions").
 */

/** One piece of generated code: `[start, start + size)`. */
export interface CodeRange {
  readonly start: number;
  readonly size: number;
  readonly name: string;
}

/** The perf map's ranges, sorted by start. A function's tier mark (`*` optimized, `~` interpreted, `^` baseline) is dropped, so that its tiers add up. */
export function parsePerfMap(text: string): CodeRange[] {
  const ranges: CodeRange[] = [];
  for (const line of text.split('\n')) {
    const match = /^([0-9a-f]+) ([0-9a-f]+) (.*)$/.exec(line);
    if (match === null) continue;
    const name = (match[3] as string).replace(/^JS:[*~^+]?/, 'JS:');
    ranges.push({ start: Number.parseInt(match[1] as string, 16), size: Number.parseInt(match[2] as string, 16), name });
  }
  return ranges.sort((left, right) => left.start - right.start);
}

/** The range holding `address` (binary search), or undefined. */
function findRange(ranges: readonly CodeRange[], address: number): CodeRange | undefined {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = ranges[middle] as CodeRange;
    if (address < range.start) high = middle - 1;
    else if (address >= range.start + range.size) low = middle + 1;
    else return range;
  }
  return undefined;
}

/**
 * Self cost by function from `callgrind_annotate --inclusive=no` output (`  1,234 ( 0.10%)  file:function [object]`),
 * JIT addresses named from `ranges` (`(unnamed JIT code)` when no range holds one), the object suffix dropped.
 */
export function readSelfCosts(annotated: string, ranges: readonly CodeRange[]): Map<string, number> {
  const costs = new Map<string, number>();
  for (const line of annotated.split('\n')) {
    const match = /^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)$/.exec(line);
    if (match === null) continue;
    let name = (match[2] as string).trim();
    if (name.startsWith('PROGRAM TOTALS')) continue;
    const address = /^\?\?\?:0x([0-9a-f]+)/.exec(name);
    if (address !== null) name = findRange(ranges, Number.parseInt(address[1] as string, 16))?.name ?? '(unnamed JIT code)';
    name = name.replace(/ \[[^\]]*\]$/, '').replace(/^\?\?\?:/, '');
    costs.set(name, (costs.get(name) ?? 0) + Number((match[1] as string).replaceAll(',', '')));
  }
  return costs;
}

const format = (value: number): string => Math.round(value).toLocaleString('en-US');

/** The `top` functions by self cost per request, as a markdown table; `event`: callgrind's name of what was counted. */
export function formatSelfCosts(name: string, costs: ReadonlyMap<string, number>, requests: number, top: number, event = 'Ir'): string {
  const rows = [...costs].sort((left, right) => right[1] - left[1]).slice(0, top);
  return [
    `${name}: ${event === 'Ir' ? 'instructions' : event} per request by function (self cost)`,
    '',
    '| per request | function |',
    '|---:|---|',
    ...rows.map(([function_, cost]) => `| ${format(cost / requests)} | ${function_} |`),
    '',
  ].join('\n');
}

/** The `top` functions where `b` spends the most more than `a` per request, as a markdown table. */
export function formatSelfCostDifference(
  a: string,
  aCosts: ReadonlyMap<string, number>,
  b: string,
  bCosts: ReadonlyMap<string, number>,
  requests: number,
  top: number,
): string {
  const names = new Set([...aCosts.keys(), ...bCosts.keys()]);
  const rows = [...names]
    .map((function_) => ({ function_, a: (aCosts.get(function_) ?? 0) / requests, b: (bCosts.get(function_) ?? 0) / requests }))
    .sort((left, right) => right.b - right.a - (left.b - left.a))
    .slice(0, top);
  return [
    `${b} against ${a}: the functions that spend the most more per request`,
    '',
    `| ${b} − ${a} | ${b} | ${a} | function |`,
    '|---:|---:|---:|---|',
    ...rows.map((row) => `| ${row.b - row.a >= 0 ? '+' : ''}${format(row.b - row.a)} | ${format(row.b)} | ${format(row.a)} | ${row.function_} |`),
    '',
  ].join('\n');
}
