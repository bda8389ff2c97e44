/**
 * Checks of parsed JSON with the semantics of the zod schemas they replace on the per-event path of a
 * stream (the schemas stay the types and the documentation; each reader's test proves it accepts and
 * refuses what its schema does). Shared by the three protocols' stream-event readers.
 */

export type Fields = Readonly<Record<string, unknown>>;

/** `z.looseObject(…)`: an object, not an array. */
export function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `z.string().nullish()` */
export function isText(value: unknown): boolean {
  return value == null || typeof value === 'string';
}

/** `z.number().nullish()`: zod refuses NaN and ±Infinity (`1e999` in JSON). */
export function isNumber(value: unknown): boolean {
  return value == null || (typeof value === 'number' && Number.isFinite(value));
}

/** Every key of `keys` is `z.string().nullish()`. */
export function areTexts(fields: Fields, keys: readonly string[]): boolean {
  for (const key of keys) if (!isText(fields[key])) return false;
  return true;
}

/** Every key of `keys` is `z.number().nullish()`. */
export function areNumbers(fields: Fields, keys: readonly string[]): boolean {
  for (const key of keys) if (!isNumber(fields[key])) return false;
  return true;
}
