const unitMilliseconds = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const satisfies Record<string, number>;

/** `500ms`, `30s`, `1.5m`, `1h` -> milliseconds; a bare number string is seconds; anything else undefined. */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (match === null) return undefined;
  const unit = (match[2] ?? 's') as keyof typeof unitMilliseconds;
  return Math.round(Number(match[1]) * unitMilliseconds[unit]);
}
