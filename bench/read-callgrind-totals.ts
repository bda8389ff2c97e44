/**
 * Callgrind's totals by event, from its output file: the `events:` line names them (`Ir`, and with
 * `--cache-sim=yes --branch-sim=yes` also `Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw Bc Bcm Bi Bim`), the
 * `totals:` line gives their sums in the same order. Throws when either is missing (valgrind did not get
 * to write the file's end) or they do not match.
 */
export function readCallgrindTotals(text: string): Map<string, number> {
  const events = /^events: (.+)$/m.exec(text)?.[1]?.trim().split(/\s+/);
  const totals = /^totals: (.+)$/m.exec(text)?.[1]?.trim().split(/\s+/).map(Number);
  if (events === undefined || totals === undefined) throw new Error('no "events:" and "totals:" lines in the callgrind output');
  if (events.length < totals.length || totals.some((value) => !Number.isFinite(value)))
    throw new Error(`callgrind totals do not match its events (${events.join(' ')})`);
  // Trailing zero totals may be left out.
  return new Map(events.map((event, index) => [event, totals[index] ?? 0]));
}
