import { GatewayError } from '../errors/gateway-error.ts';

/** One problem with one field of an Admin API body (`param` as OpenAI names fields: `model_mapping.gpt-4`). */
export interface FieldProblem {
  readonly param: string;
  readonly message: string;
}

/**
 * A 400 that lists every field at fault, not just the first: the Admin API answers it as the OpenAI error
 * body plus `error.errors: [{param, message}]` (write-admin-error.ts), `param` being the first of them.
 */
export class AdminFieldError extends GatewayError {
  readonly fields: readonly FieldProblem[];

  constructor(fields: readonly FieldProblem[]) {
    const first = fields[0];
    const message = fields.map((field) => (field.param === '' ? field.message : `${field.param}: ${field.message}`)).join('; ');
    super('GW_ERR_INVALID_REQUEST', first === undefined || first.param === '' ? { message } : { message, param: first.param });
    this.name = 'AdminFieldError';
    this.fields = fields;
  }
}

/** `['model_mapping', 'gpt-*']` -> `model_mapping.gpt-*`; `['routes', 0, 'provider']` -> `routes[0].provider`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`)).join('');
}

/**
 * A schema's issues for an Admin API body as one AdminFieldError: each path in the body's field names
 * (`bodyNameOf`: config key -> API field where they differ), `is required` for a missing top-level field.
 */
export function toAdminFieldError(
  issues: readonly { readonly path: readonly PropertyKey[]; readonly code: string; readonly message: string }[],
  input: Readonly<Record<string, unknown>>,
  bodyNameOf: Readonly<Record<string, string>>,
): AdminFieldError {
  return new AdminFieldError(
    issues.map((issue) => {
      const [key, ...rest] = issue.path;
      const field = typeof key === 'string' ? (bodyNameOf[key] ?? key) : key;
      const missing = issue.code === 'invalid_type' && rest.length === 0 && typeof key === 'string' && input[key] === undefined;
      return { param: field === undefined ? '' : formatFieldPath([field, ...rest]), message: missing ? 'is required' : issue.message };
    }),
  );
}
