import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDefaultConfig } from './build-default-config.ts';

const missingPath = '/srv/app/config.yaml';

test('with no API keys: the demo config, one mock provider behind the alias mock-model', () => {
  const result = buildDefaultConfig({}, missingPath);
  assert.deepEqual(result.source, { kind: 'demo' });
  assert.deepEqual(result.document, {
    providers: [{ name: 'mock', type: 'mock' }],
    models: { 'mock-model': { routes: [{ provider: 'mock', model: 'mock-model' }] } },
  });
  assert.match(result.notice, /config\.example\.yaml/);
  assert.match(result.notice, /--config/);
  assert.match(result.notice, /\/srv\/app\/config\.yaml/);
});

test('OPENAI_API_KEY alone: provider openai with the default base URL', () => {
  const result = buildDefaultConfig({ OPENAI_API_KEY: 'sk-test' }, missingPath);
  assert.deepEqual(result.source, { kind: 'environment', providerNames: ['openai'] });
  assert.deepEqual(result.document, {
    providers: [{ name: 'openai', type: 'openai', api_base: 'https://api.openai.com/v1', api_key: 'sk-test' }],
  });
  assert.match(result.notice, /OPENAI_API_KEY/);
  assert.match(result.notice, /config\.example\.yaml/);
});

test('both keys, with base URLs from OPENAI_BASE_URL and ANTHROPIC_BASE_URL', () => {
  const result = buildDefaultConfig(
    {
      OPENAI_API_KEY: 'sk-openai',
      OPENAI_BASE_URL: 'http://localhost:9000/v1',
      ANTHROPIC_API_KEY: 'sk-ant',
      ANTHROPIC_BASE_URL: 'http://localhost:9001',
    },
    missingPath,
  );
  assert.deepEqual(result.source, { kind: 'environment', providerNames: ['openai', 'anthropic'] });
  assert.deepEqual(result.document, {
    providers: [
      { name: 'openai', type: 'openai', api_base: 'http://localhost:9000/v1', api_key: 'sk-openai' },
      { name: 'anthropic', type: 'anthropic', api_base: 'http://localhost:9001', api_key: 'sk-ant' },
    ],
  });
});

test('ANTHROPIC_API_KEY alone: provider anthropic with the default base URL; empty keys count as unset', () => {
  const result = buildDefaultConfig({ OPENAI_API_KEY: '', ANTHROPIC_API_KEY: 'sk-ant', ANTHROPIC_BASE_URL: '' }, missingPath);
  assert.deepEqual(result.source, { kind: 'environment', providerNames: ['anthropic'] });
  assert.deepEqual(result.document, {
    providers: [{ name: 'anthropic', type: 'anthropic', api_base: 'https://api.anthropic.com', api_key: 'sk-ant' }],
  });
});
