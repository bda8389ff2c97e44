import type { z } from 'zod';

type ConfigPath = (string | number)[];

interface SubstitutionResult {
  /** A copy of the document with every string value substituted; the input is not changed. */
  value: unknown;
  /** Unset variables and malformed expressions, as zod-style issues for formatConfigIssues. */
  problems: z.core.$ZodIssueCustom[];
  /**
   * Paths whose YAML value was exactly one `${…}` expression (`port: ${PORT:-18000}`). Only these may
   * later be coerced from "18000" to 18000 or from "true" to true, where the schema wants that type.
   */
  wholeExpressionPaths: ConfigPath[];
}

/** `$${` (a literal `${`), a closed `${…}`, or an unclosed `${`. */
const expressionPattern = /\$\$\{|\$\{([^}]*)\}|\$\{/g;
const wholeExpressionPattern = /^\$\{[^}]*\}$/;
const variableExpressionPattern = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string value of a parsed YAML document (values only,
 * not keys). Working on the parsed value rather than the raw text means a variable's content can never
 * add YAML structure. `:-` follows the shell (and Docker Compose): the default applies when the variable
 * is unset or empty. `$${` is a literal `${`. A `${VAR}` whose variable is unset is a problem naming
 * the path and the variable.
 */
export function substituteEnvVars(document: unknown, env: Readonly<Record<string, string | undefined>>): SubstitutionResult {
  const problems: z.core.$ZodIssueCustom[] = [];
  const wholeExpressionPaths: ConfigPath[] = [];

  function substituteString(text: string, path: ConfigPath): string {
    if (wholeExpressionPattern.test(text)) wholeExpressionPaths.push(path);
    return text.replace(expressionPattern, (match: string, body: string | undefined) => {
      if (match === '$${') return '${';
      const parsed = body === undefined ? null : variableExpressionPattern.exec(body);
      if (parsed === null || parsed[2]?.includes('${') === true) {
        const shown = body === undefined ? '${' : match;
        problems.push({
          code: 'custom',
          path,
          message: `invalid substitution ${JSON.stringify(shown)}: write \${NAME} or \${NAME:-default} (not nested), or $\${ for a literal \${`,
        });
        return match;
      }
      const [, name = '', fallback] = parsed;
      // Own properties only: `${constructor}` must not find Object.prototype.constructor.
      const value = Object.hasOwn(env, name) ? env[name] : undefined;
      if (fallback !== undefined) return value === undefined || value === '' ? fallback : value;
      if (value === undefined) {
        problems.push({ code: 'custom', path, message: `environment variable ${name} is not set` });
        return '';
      }
      return value;
    });
  }

  function walk(value: unknown, path: ConfigPath): unknown {
    if (typeof value === 'string') return substituteString(value, path);
    if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, index]));
    if (isPlainObject(value)) {
      // fromEntries defines own properties, so a `__proto__` key stays a key (and fails the strict schema).
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, [...path, key])]));
    }
    return value;
  }

  return { value: walk(document, []), problems, wholeExpressionPaths };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
