import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { buildDefaultConfig } from './build-default-config.ts';
import { ConfigError } from './config-error.ts';
import { formatConfigIssues } from './format-config-issues.ts';
import type { GatewayConfig } from './gateway-config-schema.ts';
import { gatewayConfigSchema, loggingConfigSchema } from './gateway-config-schema.ts';
import { parseByteSize } from './parse-byte-size.ts';
import { substituteEnvVars } from './substitute-env-vars.ts';

export interface LoadConfigOptions {
  /** From `--config`; relative paths are resolved against `cwd`. */
  configPath?: string | undefined;
  /** The real environment (usually `process.env`); it wins over `<cwd>/.env`. */
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

export type ConfigSource = { kind: 'file'; path: string } | { kind: 'demo' } | { kind: 'environment'; providerNames: string[] };

export interface LoadedConfig {
  config: GatewayConfig;
  source: ConfigSource;
  /** Lines for the start-up log (for a built-in config: how to add real providers). */
  notices: string[];
}

type Environment = Readonly<Record<string, string | undefined>>;
type ConfigIssue = z.core.$ZodIssue;
type ParsedOverride = { value: unknown } | { problem: string };

interface EnvironmentOverride {
  variable: string;
  path: readonly [string, ...string[]];
  parse: (text: string) => ParsedOverride;
}

const logLevels: readonly string[] = loggingConfigSchema.shape.level.unwrap().options;

/**
 * The one table of environment variables that override config keys (STYLE.md §7). Applied after `${VAR}`
 * substitution and before validation, so env > .env > YAML. An empty variable counts as unset.
 */
const environmentOverrides: readonly EnvironmentOverride[] = [
  { variable: 'PORT', path: ['server', 'port'], parse: parsePort },
  { variable: 'HOST', path: ['server', 'host'], parse: (text) => ({ value: text }) },
  { variable: 'VERIFY_SSL', path: ['verify_ssl'], parse: parseBooleanFlag },
  { variable: 'PROVIDER_SUFFIX', path: ['provider_suffix'], parse: (text) => ({ value: text }) },
  { variable: 'LOG_LEVEL', path: ['logging', 'level'], parse: parseLogLevel },
  { variable: 'BODY_LIMIT', path: ['server', 'body_limit'], parse: parseBodyLimit },
  { variable: 'REDIS_URL', path: ['redis', 'url'], parse: (text) => ({ value: text }) },
];

/**
 * Finds, reads and validates the configuration. The file is `options.configPath` (`--config`), else
 * `CONFIG_PATH`, else `<cwd>/config.yaml`; a named file that is missing is an error, a missing default
 * file means a built-in config (build-default-config.ts). `<cwd>/.env` fills in variables the real
 * environment does not set. Throws ConfigError listing every problem found.
 */
export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const env = readEffectiveEnvironment(options);
  const named = pickNamedConfigPath(options, env);
  const path = named === undefined ? join(options.cwd, 'config.yaml') : resolve(options.cwd, named.path);

  if (named === undefined && !existsSync(path)) {
    const fallback = buildDefaultConfig(env, path);
    const origin = fallback.source.kind === 'demo' ? 'built-in demo config' : 'providers from the environment';
    const config = validateConfigDocument(fallback.document, env, origin, { substitute: false });
    return { config, source: fallback.source, notices: [fallback.notice] };
  }
  const text = readConfigFile(path, named?.namedBy ?? 'the default path');
  return { config: parseConfigText(text, env, path), source: { kind: 'file', path }, notices: [] };
}

/**
 * YAML text -> validated, deep-frozen config: `${VAR}` substitution from `env`, the environment table,
 * the `credentials` alias, then the schema. `env` is used as given (no .env lookup). Throws ConfigError.
 */
export function parseConfigText(text: string, env: Environment, fileName = 'config'): GatewayConfig {
  return validateConfigDocument(parseYaml(text, fileName), env, fileName, { substitute: true });
}

function readEffectiveEnvironment(options: LoadConfigOptions): Record<string, string> {
  const environment: Record<string, string> = Object.create(null) as Record<string, string>;
  const dotEnvPath = join(options.cwd, '.env');
  if (existsSync(dotEnvPath)) {
    let text: string;
    try {
      text = readFileSync(dotEnvPath, 'utf8');
    } catch (error) {
      throw new ConfigError(dotEnvPath, [`cannot read ${dotEnvPath}: ${(error as Error).message}`], { cause: error });
    }
    copyDefinedVariables(parseEnv(text), environment);
  }
  // A variable present but undefined in the real environment must not hide the .env value.
  copyDefinedVariables(options.env, environment);
  return environment;
}

function copyDefinedVariables(from: Environment, to: Record<string, string>): void {
  for (const [name, value] of Object.entries(from)) {
    if (value !== undefined) to[name] = value;
  }
}

function pickNamedConfigPath(options: LoadConfigOptions, env: Environment): { path: string; namedBy: string } | undefined {
  if (options.configPath !== undefined && options.configPath !== '') return { path: options.configPath, namedBy: '--config' };
  const fromEnvironment = env['CONFIG_PATH'];
  if (fromEnvironment !== undefined && fromEnvironment !== '') return { path: fromEnvironment, namedBy: 'CONFIG_PATH' };
  return undefined;
}

function readConfigFile(path: string, namedBy: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const problem =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? `config file not found: ${path} (named by ${namedBy})`
        : `cannot read config file ${path}: ${(error as Error).message}`;
    throw new ConfigError(path, [problem], { cause: error });
  }
}

/** One YAML mistake often produces a cascade of errors after it; the first few say what matters. */
const maxYamlErrors = 3;

function parseYaml(text: string, fileName: string): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    const lines = text.split(/\r\n|\r|\n/);
    let hinted = false;
    const problems = document.errors.slice(0, maxYamlErrors).map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      // `{ port: ${PORT} }`: in a flow collection `{` and `}` are syntax, so the expression needs quotes.
      const needsHint = !hinted && /[{[][^'"]*\$\{/.test(lines[line - 1] ?? '');
      hinted ||= needsHint;
      const hint = needsHint ? ' (quote ${VAR} inside { } or [ ]: "${VAR}")' : '';
      return `${fileName}:${line}:${col}: ${error.message}${hint}`;
    });
    if (document.errors.length > maxYamlErrors) {
      problems.push(`${fileName}: ${document.errors.length - maxYamlErrors} more YAML errors, probably caused by the ones above`);
    }
    throw new ConfigError(fileName, problems);
  }
  try {
    // An empty (or comments-only) file is an empty config: every default.
    const value: unknown = document.toJS({ maxAliasCount: 100 });
    return value ?? {};
  } catch (error) {
    throw new ConfigError(fileName, [`${fileName}: ${(error as Error).message}`], { cause: error });
  }
}

function validateConfigDocument(document: unknown, env: Environment, origin: string, options: { substitute: boolean }): GatewayConfig {
  const alias = renameCredentialsAlias(document);
  const showAlias = (issues: readonly ConfigIssue[]): string[] => formatConfigIssues(alias.used ? issues.map(renameMasterKeysPath) : issues);

  let current = alias.document;
  let wholeExpressionPaths: (string | number)[][] = [];
  if (options.substitute) {
    const substitution = substituteEnvVars(current, env);
    if (substitution.problems.length > 0) throw new ConfigError(origin, showAlias(substitution.problems));
    current = substitution.value;
    wholeExpressionPaths = substitution.wholeExpressionPaths;
  }
  const overrideProblems = applyEnvironmentOverrides(current, env);
  const validation = validateWithCoercion(current, wholeExpressionPaths);
  const problems = [...formatConfigIssues(alias.issues), ...overrideProblems, ...showAlias(validation.issues)];
  if (problems.length > 0 || validation.config === undefined) throw new ConfigError(origin, problems);
  return deepFreeze(validation.config);
}

/** `credentials:` is the documented alias of `master_keys:` (docs/interface.md); problems keep the name used. */
function renameCredentialsAlias(document: unknown): { document: unknown; used: boolean; issues: ConfigIssue[] } {
  if (!isPlainObject(document) || !Object.hasOwn(document, 'credentials')) return { document, used: false, issues: [] };
  if (Object.hasOwn(document, 'master_keys')) {
    const message = 'credentials is an alias of master_keys; use one of them, not both';
    const { credentials: _ignored, ...rest } = document;
    return { document: rest, used: false, issues: [{ code: 'custom', path: ['credentials'], message }] };
  }
  const renamed = Object.fromEntries(Object.entries(document).map(([key, value]) => [key === 'credentials' ? 'master_keys' : key, value]));
  return { document: renamed, used: true, issues: [] };
}

function renameMasterKeysPath(issue: ConfigIssue): ConfigIssue {
  return issue.path[0] === 'master_keys' ? { ...issue, path: ['credentials', ...issue.path.slice(1)] } : issue;
}

/** Writes each set variable of the table into the (already copied) document; returns bad values. */
function applyEnvironmentOverrides(document: unknown, env: Environment): string[] {
  const problems: string[] = [];
  if (!isPlainObject(document)) return problems;
  for (const override of environmentOverrides) {
    const text = env[override.variable]?.trim();
    if (text === undefined || text === '') continue;
    const parsed = override.parse(text);
    if ('problem' in parsed) {
      problems.push(`${override.variable}: ${parsed.problem}`);
      continue;
    }
    setAtPath(document, override.path, parsed.value);
  }
  return problems;
}

/** Creates missing sections; a section of the wrong type (`server: 5`) is left for the schema to report. */
function setAtPath(document: Record<string, unknown>, path: readonly [string, ...string[]], value: unknown): void {
  let parent = document;
  for (const key of path.slice(0, -1)) {
    const child = parent[key] ?? {};
    if (!isPlainObject(child)) return;
    parent[key] = child;
    parent = child;
  }
  parent[path[path.length - 1] ?? path[0]] = value;
}

function parsePort(text: string): ParsedOverride {
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  return port >= 0 && port <= 65535 ? { value: port } : { problem: `expected an integer from 0 to 65535, got ${JSON.stringify(text)}` };
}

function parseBooleanFlag(text: string): ParsedOverride {
  const normalized = text.toLowerCase();
  if (normalized === 'true' || normalized === '1') return { value: true };
  if (normalized === 'false' || normalized === '0') return { value: false };
  return { problem: `expected true, false, 1 or 0, got ${JSON.stringify(text)}` };
}

function parseLogLevel(text: string): ParsedOverride {
  const level = text.toLowerCase();
  return logLevels.includes(level) ? { value: level } : { problem: `expected one of ${logLevels.join(', ')}, got ${JSON.stringify(text)}` };
}

function parseBodyLimit(text: string): ParsedOverride {
  const bytes = parseByteSize(text);
  return bytes === undefined ? { problem: `expected a size such as 10MiB or 1048576, got ${JSON.stringify(text)}` } : { value: bytes };
}

/**
 * Validates; where the schema wants a number or boolean at a path whose YAML value was exactly one
 * `${…}` expression and the substituted string reads as one ("18000", "true"), converts it and validates
 * again. Anything else stays a string, so `port: "18000"` written literally is still an error.
 */
function validateWithCoercion(
  document: unknown,
  wholeExpressionPaths: readonly (string | number)[][],
): { config: GatewayConfig | undefined; issues: ConfigIssue[] } {
  const coercible = new Set(wholeExpressionPaths.map((path) => JSON.stringify(path)));
  for (;;) {
    const result = gatewayConfigSchema.safeParse(document, { reportInput: true });
    if (result.success) return { config: result.data, issues: [] };
    let changed = false;
    for (const issue of result.error.issues) {
      const key = JSON.stringify(issue.path);
      if (!coercible.has(key)) continue;
      coercible.delete(key);
      changed = coerceAtPath(document, issue.path, findWantedScalarTypes(issue)) || changed;
    }
    if (!changed) return { config: undefined, issues: result.error.issues };
  }
}

function findWantedScalarTypes(issue: ConfigIssue): Set<string> {
  if (issue.code === 'invalid_type') return new Set([issue.expected]);
  if (issue.code !== 'invalid_union') return new Set();
  const branchTypes = issue.errors.flatMap((branch) =>
    branch.flatMap((branchIssue) => (branchIssue.code === 'invalid_type' && branchIssue.path.length === 0 ? [branchIssue.expected] : [])),
  );
  return new Set(branchTypes);
}

function coerceAtPath(document: unknown, path: readonly PropertyKey[], wanted: ReadonlySet<string>): boolean {
  let parent: unknown = document;
  for (const key of path.slice(0, -1)) {
    if (typeof parent !== 'object' || parent === null) return false;
    parent = (parent as Record<PropertyKey, unknown>)[key];
  }
  const lastKey = path[path.length - 1];
  if (typeof parent !== 'object' || parent === null || lastKey === undefined) return false;
  const container = parent as Record<PropertyKey, unknown>;
  const text = container[lastKey];
  if (typeof text !== 'string') return false;
  if ((wanted.has('number') || wanted.has('int')) && /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) {
    container[lastKey] = Number(text);
    return true;
  }
  if (wanted.has('boolean') && /^(?:true|false)$/i.test(text)) {
    container[lastKey] = text.toLowerCase() === 'true';
    return true;
  }
  return false;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Model: Fastify `lib/initial-config-validation.js` (`deepFreezeObject`). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
