import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { test } from 'node:test';
import { ConfigError } from './config-error.ts';
import { gatewayConfigSchema } from './gateway-config-schema.ts';
import { loadConfig, parseConfigText } from './load-config.ts';

function makeTempDirectory(t: TestContext): string {
  const directory = mkdtempSync(join(tmpdir(), 'llm-proxy-config-'));
  t.after(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

/** The problem lines of the ConfigError `run` throws. */
function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}

const providerYaml = (providers: string): string => `providers:\n${providers}`;

// --- which file ---------------------------------------------------------------------------------

test('--config wins over CONFIG_PATH, which wins over <cwd>/config.yaml', (t) => {
  const cwd = makeTempDirectory(t);
  writeFileSync(join(cwd, 'config.yaml'), 'server:\n  port: 1001\n');
  writeFileSync(join(cwd, 'from-env.yaml'), 'server:\n  port: 1002\n');
  writeFileSync(join(cwd, 'from-flag.yaml'), 'server:\n  port: 1003\n');

  const byDefault = loadConfig({ env: {}, cwd });
  assert.equal(byDefault.config.server.port, 1001);
  assert.deepEqual(byDefault.source, { kind: 'file', path: join(cwd, 'config.yaml') });
  assert.deepEqual(byDefault.notices, []);

  const byEnvironment = loadConfig({ env: { CONFIG_PATH: join(cwd, 'from-env.yaml') }, cwd });
  assert.equal(byEnvironment.config.server.port, 1002);
  assert.deepEqual(byEnvironment.source, { kind: 'file', path: join(cwd, 'from-env.yaml') });

  const byFlag = loadConfig({ configPath: 'from-flag.yaml', env: { CONFIG_PATH: join(cwd, 'from-env.yaml') }, cwd });
  assert.equal(byFlag.config.server.port, 1003);
  assert.deepEqual(byFlag.source, { kind: 'file', path: join(cwd, 'from-flag.yaml') }, 'relative to cwd');
});

test('CONFIG_PATH may come from .env', (t) => {
  const cwd = makeTempDirectory(t);
  writeFileSync(join(cwd, 'other.yaml'), 'server:\n  port: 1004\n');
  writeFileSync(join(cwd, '.env'), 'CONFIG_PATH=other.yaml\n');
  assert.equal(loadConfig({ env: {}, cwd }).config.server.port, 1004);
});

test('a file named by --config or CONFIG_PATH that does not exist is an error, not the demo', (t) => {
  const cwd = makeTempDirectory(t);
  const missing = join(cwd, 'missing.yaml');
  assert.deepEqual(
    problemsOf(() => loadConfig({ configPath: missing, env: {}, cwd })),
    [`config file not found: ${missing} (named by --config)`],
  );
  assert.deepEqual(
    problemsOf(() => loadConfig({ env: { CONFIG_PATH: missing }, cwd })),
    [`config file not found: ${missing} (named by CONFIG_PATH)`],
  );
});

test('the error message names the file', (t) => {
  const cwd = makeTempDirectory(t);
  writeFileSync(join(cwd, 'config.yaml'), 'bogus: 1\n');
  assert.throws(() => loadConfig({ env: {}, cwd }), {
    name: 'ConfigError',
    message: `invalid configuration (${join(cwd, 'config.yaml')}):\nbogus: unknown key`,
  });
});

// --- built-in configs -----------------------------------------------------------------------------

test('no config file and no API keys: the demo config, validated, with a notice', (t) => {
  const cwd = makeTempDirectory(t);
  const loaded = loadConfig({ env: {}, cwd });
  assert.deepEqual(loaded.source, { kind: 'demo' });
  assert.deepEqual(loaded.config.providers, [{ name: 'mock', type: 'mock', weight: 1, priority: 1, enabled: true }]);
  assert.deepEqual(loaded.config.models, {
    'mock-model': { routes: [{ provider: 'mock', model: 'mock-model', priority: 1, weight: 1 }] },
  });
  assert.equal(loaded.config.server.port, 18000);
  assert.equal(loaded.notices.length, 1);
  assert.match(loaded.notices[0] ?? '', /config\.example\.yaml/);
});

test('no config file, API keys in the environment: openai and anthropic providers', (t) => {
  const cwd = makeTempDirectory(t);
  const loaded = loadConfig({ env: { OPENAI_API_KEY: 'sk-openai', ANTHROPIC_API_KEY: 'sk-ant' }, cwd });
  assert.deepEqual(loaded.source, { kind: 'environment', providerNames: ['openai', 'anthropic'] });
  assert.deepEqual(
    loaded.config.providers.map((provider) => [provider.name, provider.type, provider.api_base, provider.api_key]),
    [
      ['openai', 'openai', 'https://api.openai.com/v1', 'sk-openai'],
      ['anthropic', 'anthropic', 'https://api.anthropic.com', 'sk-ant'],
    ],
  );
  assert.match(loaded.notices[0] ?? '', /config\.example\.yaml/);
});

test('an API key in .env creates the provider too, with its base URL', (t) => {
  const cwd = makeTempDirectory(t);
  writeFileSync(join(cwd, '.env'), 'OPENAI_API_KEY=sk-from-dotenv\nOPENAI_BASE_URL=http://127.0.0.1:9000/v1\n');
  const loaded = loadConfig({ env: {}, cwd });
  assert.deepEqual(loaded.source, { kind: 'environment', providerNames: ['openai'] });
  assert.equal(loaded.config.providers[0]?.api_key, 'sk-from-dotenv');
  assert.equal(loaded.config.providers[0]?.api_base, 'http://127.0.0.1:9000/v1');
});

test('built-in configs go through the environment table and the schema', (t) => {
  const cwd = makeTempDirectory(t);
  assert.equal(loadConfig({ env: { PORT: '9999', LOG_LEVEL: 'debug' }, cwd }).config.server.port, 9999);
  assert.deepEqual(
    problemsOf(() => loadConfig({ env: { PORT: 'abc' }, cwd })),
    ['PORT: expected an integer from 0 to 65535, got "abc"'],
  );
  assert.deepEqual(
    problemsOf(() => loadConfig({ env: { OPENAI_API_KEY: 'sk', OPENAI_BASE_URL: 'not a url' }, cwd })),
    ['providers[0].api_base: expected a URL such as https://api.openai.com/v1'],
  );
});

// --- env > .env > YAML ------------------------------------------------------------------------------

test('the real environment wins over .env, which wins over YAML defaults and values', (t) => {
  const cwd = makeTempDirectory(t);
  writeFileSync(join(cwd, 'config.yaml'), 'server:\n  port: 1000\nproviders:\n  - { name: a, type: openai, api_key: "${KEY:-from-yaml}" }\n');
  const load = (env: Record<string, string | undefined>) => loadConfig({ env, cwd }).config;

  assert.equal(load({}).providers[0]?.api_key, 'from-yaml');
  assert.equal(load({}).server.port, 1000);

  writeFileSync(join(cwd, '.env'), 'KEY=from-dotenv\nPORT=2000\n');
  assert.equal(load({}).providers[0]?.api_key, 'from-dotenv');
  assert.equal(load({}).server.port, 2000);

  assert.equal(load({ KEY: 'from-env', PORT: '3000' }).providers[0]?.api_key, 'from-env');
  assert.equal(load({ KEY: 'from-env', PORT: '3000' }).server.port, 3000);
  // process.env-like objects may hold undefined; that must not hide the .env value
  assert.equal(load({ KEY: undefined }).providers[0]?.api_key, 'from-dotenv');
});

test('a .env value is a value, not something to substitute again', (t) => {
  const cwd = makeTempDirectory(t);
  mkdirSync(join(cwd, 'conf'));
  writeFileSync(join(cwd, 'conf', 'gateway.yaml'), 'provider_suffix: ${SUFFIX}\n');
  writeFileSync(join(cwd, '.env'), "SUFFIX='${NOT_A_VARIABLE}'\n");
  assert.equal(loadConfig({ configPath: 'conf/gateway.yaml', env: {}, cwd }).config.provider_suffix, '${NOT_A_VARIABLE}');
});

// --- substitution -------------------------------------------------------------------------------

test('${VAR} and ${VAR:-default} are substituted from env', () => {
  const config = parseConfigText(
    providerYaml('  - name: a\n    type: openai\n    api_key: ${OPENAI_API_KEY}\n    api_base: ${BASE:-https://example.com/v1}\n'),
    { OPENAI_API_KEY: 'sk-real' },
  );
  assert.equal(config.providers[0]?.api_key, 'sk-real');
  assert.equal(config.providers[0]?.api_base, 'https://example.com/v1');
});

test('an unset ${VAR} without a default names the path and the variable', () => {
  assert.deepEqual(
    problemsOf(() => parseConfigText(providerYaml('  - name: a\n    type: openai\n    api_key: ${OPENAI_API_KEY}\n'), {})),
    ['providers[0].api_key: environment variable OPENAI_API_KEY is not set'],
  );
});

test('${VAR:-} is an empty string', () => {
  const config = parseConfigText(providerYaml('  - { name: a, type: openai, api_key: "${OPENAI_API_KEY:-}" }\n'), {});
  assert.equal(config.providers[0]?.api_key, '');
});

test('$${ escapes to a literal ${', () => {
  const config = parseConfigText('provider_suffix: $${NOT_SUBSTITUTED}\n', { NOT_SUBSTITUTED: 'x' });
  assert.equal(config.provider_suffix, '${NOT_SUBSTITUTED}');
});

test('a whole-value ${...} is coerced to the number or boolean the schema wants', () => {
  const text = [
    'server:',
    '  port: ${PORT_SETTING:-18000}',
    'verify_ssl: ${VERIFY:-false}',
    'providers:',
    '  - { name: a, type: openai, weight: "${WEIGHT:-2.5}", enabled: "${ENABLED:-true}", api_key: "${KEY:-12345}" }',
    'master_keys:',
    '  - { name: k, key: "${MASTER:-1234}", rate_limit: "${RPS:-5}" }',
  ].join('\n');
  const config = parseConfigText(text, {});
  assert.equal(config.server.port, 18000);
  assert.equal(config.verify_ssl, false);
  assert.equal(config.providers[0]?.weight, 2.5);
  assert.equal(config.providers[0]?.enabled, true);
  assert.equal(config.providers[0]?.api_key, '12345', 'a string field keeps its string');
  assert.equal(config.master_keys[0]?.key, '1234');
  assert.deepEqual(config.master_keys[0]?.rate_limit, { requests_per_second: 5, burst_size: 5 });
  assert.equal(parseConfigText(text, { PORT_SETTING: '8080', VERIFY: 'TRUE' }).server.port, 8080);
  assert.equal(parseConfigText(text, { PORT_SETTING: '8080', VERIFY: 'TRUE' }).verify_ssl, true);
});

test('no coercion for a literal string or an expression inside a longer string', () => {
  assert.deepEqual(
    problemsOf(() => parseConfigText('server:\n  port: "18000"\n', {})),
    ['server.port: expected a number, got string'],
  );
  assert.deepEqual(
    problemsOf(() => parseConfigText('server:\n  port: 1${REST:-8000}\n', {})),
    ['server.port: expected a number, got string'],
  );
  assert.deepEqual(
    problemsOf(() => parseConfigText('server:\n  port: ${PORT_SETTING:-18000}\n', { PORT_SETTING: 'abc' })),
    ['server.port: expected a number, got string'],
  );
});

// --- the environment table ------------------------------------------------------------------------

test('PORT, HOST, VERIFY_SSL, PROVIDER_SUFFIX, LOG_LEVEL and BODY_LIMIT override the file', () => {
  const yaml = 'server:\n  port: 1000\n  host: 127.0.0.1\n  body_limit: 1KiB\nverify_ssl: true\nprovider_suffix: Yaml\nlogging:\n  level: info\n';
  const env = { PORT: '8080', HOST: '::', VERIFY_SSL: 'false', PROVIDER_SUFFIX: 'Proxy', LOG_LEVEL: 'debug', BODY_LIMIT: '2MiB' };
  const config = parseConfigText(yaml, env);
  assert.equal(config.server.port, 8080);
  assert.equal(config.server.host, '::');
  assert.equal(config.verify_ssl, false);
  assert.equal(config.provider_suffix, 'Proxy');
  assert.equal(config.logging.level, 'debug');
  assert.equal(config.server.body_limit, 2 * 1024 * 1024);
});

test('the table fills in sections the file does not have', () => {
  const config = parseConfigText('', { PORT: '0', HOST: 'localhost', LOG_LEVEL: 'WARN', BODY_LIMIT: '1048576', PROVIDER_SUFFIX: 'P' });
  assert.equal(config.server.port, 0);
  assert.equal(config.server.host, 'localhost');
  assert.equal(config.server.shutdown_timeout, 30_000, 'other keys keep their defaults');
  assert.equal(config.logging.level, 'warn');
  assert.equal(config.server.body_limit, 1_048_576);
  assert.equal(config.provider_suffix, 'P');
});

test('VERIFY_SSL accepts true, false, 1 and 0', () => {
  assert.equal(parseConfigText('verify_ssl: false\n', { VERIFY_SSL: 'true' }).verify_ssl, true);
  assert.equal(parseConfigText('verify_ssl: false\n', { VERIFY_SSL: '1' }).verify_ssl, true);
  assert.equal(parseConfigText('', { VERIFY_SSL: 'false' }).verify_ssl, false);
  assert.equal(parseConfigText('', { VERIFY_SSL: '0' }).verify_ssl, false);
});

test('an empty variable counts as unset', () => {
  assert.equal(parseConfigText('server:\n  port: 1000\n', { PORT: '', HOST: '' }).server.port, 1000);
});

test('a bad table value is a line naming the variable; all of them are reported', () => {
  assert.deepEqual(
    problemsOf(() => parseConfigText('', { PORT: 'abc', VERIFY_SSL: 'maybe', LOG_LEVEL: 'loud', BODY_LIMIT: 'huge' })),
    [
      'PORT: expected an integer from 0 to 65535, got "abc"',
      'VERIFY_SSL: expected true, false, 1 or 0, got "maybe"',
      'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      'BODY_LIMIT: expected a size such as 10MiB or 1048576, got "huge"',
    ],
  );
  assert.deepEqual(
    problemsOf(() => parseConfigText('', { PORT: '70000' })),
    ['PORT: expected an integer from 0 to 65535, got "70000"'],
  );
  assert.deepEqual(
    problemsOf(() => parseConfigText('', { PORT: '80.5' })),
    ['PORT: expected an integer from 0 to 65535, got "80.5"'],
  );
});

// --- credentials alias ----------------------------------------------------------------------------

test('credentials: is an alias of master_keys:', () => {
  const config = parseConfigText('credentials:\n  - { name: prod, key: sk-prod }\n', {});
  assert.deepEqual(config.master_keys, [{ name: 'prod', key: 'sk-prod', allowed_models: ['*'], enabled: true }]);
  assert.equal('credentials' in config, false);
});

test('problems inside credentials: are reported under that name', () => {
  assert.deepEqual(
    problemsOf(() => parseConfigText('credentials:\n  - { name: prod, key: sk, bogus: 1 }\n', {})),
    ['credentials[0].bogus: unknown key'],
  );
});

test('credentials: and master_keys: together is an error', () => {
  assert.deepEqual(
    problemsOf(() => parseConfigText('credentials: []\nmaster_keys: []\n', {})),
    ['credentials: credentials is an alias of master_keys; use one of them, not both'],
  );
});

// --- schema problems ---------------------------------------------------------------------------------

test('weight -2 and weight 0 are "expected a positive number" at providers[1].weight', () => {
  for (const weight of ['-2', '0']) {
    const text = providerYaml(`  - { name: a, type: openai }\n  - { name: b, type: openai, weight: ${weight} }\n`);
    assert.deepEqual(
      problemsOf(() => parseConfigText(text, {})),
      ['providers[1].weight: expected a positive number'],
    );
  }
});

test('unknown keys, at the root and nested, one line each with the full path', () => {
  const text = 'bogus: 1\nserver:\n  prot: 8080\nproviders:\n  - { name: a, type: openai, wieght: 2 }\n';
  assert.deepEqual([...problemsOf(() => parseConfigText(text, {}))].sort(), [
    'bogus: unknown key',
    'providers[0].wieght: unknown key',
    'server.prot: unknown key',
  ]);
});

test('duplicate provider names', () => {
  assert.deepEqual(
    problemsOf(() => parseConfigText(providerYaml('  - { name: a, type: openai }\n  - { name: a, type: mock }\n'), {})),
    ['providers[1].name: duplicate provider name "a"'],
  );
});

test('a route naming a missing provider', () => {
  const text = `${providerYaml('  - { name: a, type: openai }\n')}models:\n  gpt-4:\n    routes:\n      - { provider: a, model: x }\n      - { provider: b, model: y }\n`;
  assert.deepEqual(
    problemsOf(() => parseConfigText(text, {})),
    ['models.gpt-4.routes[1].provider: no provider named "b"'],
  );
});

test('an invalid model_mapping pattern', () => {
  const text = providerYaml('  - name: a\n    type: openai\n    model_mapping:\n      "claude-(": x\n');
  const problems = problemsOf(() => parseConfigText(text, {}));
  assert.equal(problems.length, 1);
  assert.match(problems[0] ?? '', /^providers\[0\]\.model_mapping\["claude-\("\]: invalid pattern: /);
});

test('every problem is reported at once', () => {
  const text = 'server:\n  port: abc\nproviders:\n  - { name: a, type: gemini }\nlogging:\n  level: loud\n';
  assert.equal(problemsOf(() => parseConfigText(text, {})).length, 3);
});

// --- YAML ---------------------------------------------------------------------------------------------

test('a YAML syntax error gives file, line and column', () => {
  const problems = problemsOf(() => parseConfigText('server:\n  port: 1\nproviders: [\n  - a\n', {}, 'gateway.yaml'));
  assert.match(problems[0] ?? '', /^gateway\.yaml:\d+:\d+: \S/);
  const duplicate = problemsOf(() => parseConfigText('server:\n  port: 1\n  port: 2\n', {}, 'gateway.yaml'));
  assert.deepEqual(duplicate, ['gateway.yaml:3:3: Map keys must be unique']);
});

test('an unquoted ${VAR} inside a flow mapping gets a hint', () => {
  const problems = problemsOf(() => parseConfigText('server: { port: ${PORT_SETTING} }\n', {}, 'gateway.yaml'));
  assert.match(problems[0] ?? '', /^gateway\.yaml:1:\d+: .*quote \$\{VAR\}/);
});

test('an empty file (or only comments) is an empty config: every default', () => {
  const defaults = gatewayConfigSchema.parse({});
  assert.deepEqual(parseConfigText('', {}), defaults);
  assert.deepEqual(parseConfigText('# nothing yet\n', {}), defaults);
});

// --- the result ---------------------------------------------------------------------------------------

test('the config is deep-frozen', (t) => {
  const cwd = makeTempDirectory(t);
  writeFileSync(join(cwd, 'config.yaml'), `${providerYaml('  - { name: a, type: openai, model_mapping: { x: y } }\n')}`);
  const { config } = loadConfig({ env: {}, cwd });
  assert.ok(Object.isFrozen(config));
  assert.ok(Object.isFrozen(config.server));
  assert.ok(Object.isFrozen(config.providers));
  assert.ok(Object.isFrozen(config.providers[0]));
  assert.ok(Object.isFrozen(config.providers[0]?.model_mapping));
  assert.throws(() => {
    (config.server as { port: number }).port = 1;
  }, TypeError);
  assert.ok(Object.isFrozen(loadConfig({ env: {}, cwd: makeTempDirectory(t) }).config.models), 'the demo config too');
});
