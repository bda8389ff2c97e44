/**
 * The instructions callgrind counted, from its summary on stderr (`==123== Collected : 1,276,986,090`).
 * Throws when the log has none: valgrind did not get to write it (killed, or never started counting).
 */
export function readCollectedInstructions(log: string): number {
  const match = /^==\d+== Collected : ([\d,]+)$/m.exec(log);
  if (match === null) throw new Error('no callgrind summary ("Collected : …") in the target\'s log');
  return Number((match[1] as string).replaceAll(',', ''));
}
