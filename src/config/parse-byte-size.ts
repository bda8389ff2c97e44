const unitBytes = {
  b: 1,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
} as const satisfies Record<string, number>;

/** `10MiB`, `512kb`, `1048576` -> bytes (binary and decimal units, case-insensitive); anything else undefined. */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (match === null) return undefined;
  const unit = (match[2] ?? '').toLowerCase() || 'b';
  if (!(unit in unitBytes)) return undefined;
  const bytes = Math.floor(Number(match[1]) * unitBytes[unit as keyof typeof unitBytes]);
  return bytes > 0 ? bytes : undefined;
}
