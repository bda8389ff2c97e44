/**
 * A configuration that cannot be used: every problem found, one line each with its path, so the
 * process can print them all and exit non-zero (STYLE.md §7; model: Fastify `lib/initial-config-validation.js`,
 * which throws with all errors at once instead of the first).
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** The file path, or a description of the built-in source (`built-in demo config`). */
  readonly origin: string;
  /** One line per problem, `path: message`, `VARIABLE: message` or `<file>:<line>:<col>: message`. */
  readonly problems: readonly string[];

  constructor(origin: string, problems: readonly string[], options?: ErrorOptions) {
    super([`invalid configuration (${origin}):`, ...problems].join('\n'), options);
    this.origin = origin;
    this.problems = Object.freeze([...problems]);
  }
}
