import type { z } from 'zod';
import { AdminFieldError, type FieldProblem, toAdminFieldError } from './admin-field-error.ts';

/** How an Admin API body's fields map onto a config section's keys. */
export interface AdminBodyShape {
  /** The fields the body may have; any other is an `unknown field` problem. */
  readonly fields: ReadonlySet<string>;
  /** Body field -> config key, where they differ. */
  readonly configKeyOf: Readonly<Record<string, string>>;
  /** Config key -> body field, where they differ (problems are named by body field). */
  readonly bodyNameOf: Readonly<Record<string, string>>;
  /** Fields whose `null` is a value, not "remove it". */
  readonly nullKept?: ReadonlySet<string>;
}

/**
 * A body laid over `base` (the stored entry, for an update) and checked by the config's own schema:
 * `null` removes a field, and every problem (unknown fields first, then the schema's) is named by its
 * Admin API field in one AdminFieldError.
 */
export function parseAdminBody<T>(
  body: Record<string, unknown>,
  base: Record<string, unknown>,
  shape: AdminBodyShape,
  schema: { safeParse(input: unknown): z.ZodSafeParseResult<T> },
): T {
  const problems: FieldProblem[] = [];
  const input: Record<string, unknown> = { ...base };
  for (const [field, value] of Object.entries(body)) {
    if (!shape.fields.has(field)) {
      problems.push({ param: field, message: 'unknown field' });
      continue;
    }
    const key = shape.configKeyOf[field] ?? field;
    if (value === null && shape.nullKept?.has(field) !== true) delete input[key];
    else input[key] = value;
  }
  if (problems.length > 0) throw new AdminFieldError(problems);
  const result = schema.safeParse(input);
  if (!result.success) throw toAdminFieldError(result.error.issues, input, shape.bodyNameOf);
  return result.data;
}
