import { z } from 'zod';

type ConfigIssue = z.core.$ZodIssue;

const plainKey = /^[A-Za-z0-9_-]+$/;
const zodDefaultMessage = z.locales.en().localeError;

/**
 * Zod issues -> one line per problem, `path: message`, for a person reading a terminal:
 * `providers[1].weight: expected a positive number`, `models.gpt-4.routes[0].provider: …`,
 * `providers[0].model_mapping["claude-.*"]: …`. An unrecognized-keys issue becomes one `unknown key`
 * line per key, with the full path to that key (zod reports them all on the parent object, at the root
 * with an empty path).
 *
 * A message the schema set itself is kept; zod's generic English wording is rewritten in the
 * `expected …, got …` style. Parse with `{ reportInput: true }` so the `got …` part can be filled in.
 */
export function formatConfigIssues(issues: readonly ConfigIssue[]): string[] {
  const lines = issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => `${formatPath([...issue.path, key])}: unknown key`)
      : [`${formatPath(issue.path)}: ${isZodDefaultMessage(issue) ? describeIssue(issue) : issue.message}`],
  );
  return [...new Set(lines)];
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
      continue;
    }
    const key = typeof segment === 'symbol' ? segment.toString() : segment;
    if (!plainKey.test(key)) text += `[${JSON.stringify(key)}]`;
    else text += text === '' ? key : `.${key}`;
  }
  return text === '' ? '(top level)' : text;
}

/** Whether zod produced this message from its English locale, i.e. the schema did not word it. */
function isZodDefaultMessage(issue: ConfigIssue): boolean {
  if (issue.code === 'custom') return false;
  const produced = zodDefaultMessage(issue as unknown as Parameters<typeof zodDefaultMessage>[0]);
  const message = typeof produced === 'string' ? produced : produced?.message;
  return message === issue.message;
}

function describeIssue(issue: ConfigIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return describeInvalidType(issue.expected, issue);
    case 'too_small':
      return describeBound(issue.origin, 'min', issue.minimum, issue.inclusive ?? false, issue) ?? issue.message;
    case 'too_big':
      return describeBound(issue.origin, 'max', issue.maximum, issue.inclusive ?? false, issue) ?? issue.message;
    case 'invalid_value': {
      const allowed = issue.values.map((value) => JSON.stringify(value)).join(', ');
      const expected = issue.values.length === 1 ? allowed : `one of ${allowed}`;
      return `expected ${expected}${describeGot(issue)}`;
    }
    case 'invalid_format':
      // The value is left out: a URL can carry credentials.
      return issue.format === 'url' ? 'expected a URL such as https://api.openai.com/v1' : issue.message;
    case 'invalid_union':
      return describeInvalidUnion(issue.errors, issue);
    default:
      return issue.message;
  }
}

function describeInvalidType(expected: string, issue: { readonly input?: unknown }): string {
  if ('input' in issue && issue.input === undefined) return `missing (expected ${describeExpected(expected)})`;
  if (expected === 'int' && typeof issue.input === 'number') return `expected an integer, got ${issue.input}`;
  return `expected ${describeExpected(expected)}${'input' in issue ? `, got ${describeType(issue.input)}` : ''}`;
}

/** `rate_limit: 'x'` fails both `number` and `object`: say so in one line rather than zod's "Invalid input". */
function describeInvalidUnion(branches: readonly (readonly ConfigIssue[])[], issue: ConfigIssue): string {
  const expected: string[] = [];
  for (const branchIssues of branches) {
    const typeIssue = branchIssues.find((branchIssue) => branchIssue.code === 'invalid_type' && branchIssue.path.length === 0);
    if (typeIssue?.code !== 'invalid_type') return 'does not match any accepted form';
    expected.push(describeExpected(typeIssue.expected));
  }
  return `expected ${expected.join(' or ')}${'input' in issue ? `, got ${describeType(issue.input)}` : ''}`;
}

function describeBound(origin: string, side: 'min' | 'max', limit: number | bigint, inclusive: boolean, issue: ConfigIssue): string | undefined {
  if (origin === 'number' || origin === 'int') {
    const noun = origin === 'int' ? 'an integer' : 'a number';
    const got = typeof issue.input === 'number' ? `, got ${issue.input}` : '';
    if (side === 'min' && limit === 0) return `expected ${inclusive ? 'zero or a positive number' : 'a positive number'}${got}`;
    const operator = side === 'min' ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<';
    return `expected ${noun} ${operator} ${limit}${got}`;
  }
  const unit = origin === 'string' ? 'character' : origin === 'array' || origin === 'set' ? 'item' : undefined;
  if (unit === undefined) return undefined;
  if (side === 'min' && limit === 1 && origin === 'string') return 'expected a non-empty string';
  const count = `${limit} ${unit}${limit === 1 ? '' : 's'}`;
  return `expected at ${side === 'min' ? 'least' : 'most'} ${count}`;
}

const expectedNouns: Readonly<Record<string, string>> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  record: 'an object',
  null: 'null',
};

function describeExpected(expected: string): string {
  return expectedNouns[expected] ?? expected;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  return typeof value;
}

/** `, got "openaix"` for a primitive, `, got object` otherwise; nothing when zod did not report the input. */
function describeGot(issue: ConfigIssue): string {
  if (!('input' in issue)) return '';
  const { input } = issue;
  if (typeof input === 'string') return `, got ${JSON.stringify(input.length > 60 ? `${input.slice(0, 60)}…` : input)}`;
  if (typeof input === 'number' || typeof input === 'boolean') return `, got ${input}`;
  return `, got ${describeType(input)}`;
}
