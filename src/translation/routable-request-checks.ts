import { isRecord } from '../streaming/json-field-checks.ts';

/**
 * Hand-written checks for the routable schemas of the two protocols most requests speak (readRoutableRequest
 * uses them before zod), beside json-field-checks.ts's (`isNumber`: `z.number().nullish()`). Each is at least as
 * strict as the field's zod schema, never looser: a body one refuses still goes to zod, which either accepts
 * it after all or words the 400.
 */

/** `z.string().min(1)` */
export function isNonEmptyText(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

/** `z.boolean().nullish()` */
export function isOptionalFlag(value: unknown): boolean {
  return value == null || typeof value === 'boolean';
}

/** `z.number().int().positive()`, kept to safe integers (stricter than or equal to zod's). */
export function isPositiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/**
 * `z.array(z.looseObject({ role: <isRole>, content: z.unknown() }))`, at least `min` long. zod v4 requires
 * a key whose schema is a bare `z.unknown()` (`contentRequired`); `z.unknown().optional()` does not.
 */
export function areMessages(value: unknown, min: number, isRole: (role: unknown) => boolean, contentRequired: boolean): boolean {
  if (!Array.isArray(value) || value.length < min) return false;
  for (const message of value) {
    if (!isRecord(message) || !isRole(message['role']) || (contentRequired && message['content'] === undefined)) return false;
  }
  return true;
}
