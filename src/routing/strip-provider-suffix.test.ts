import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stripProviderSuffix } from './strip-provider-suffix.ts';

test('strips the configured suffix and nothing else', () => {
  assert.equal(stripProviderSuffix('Proxy/gpt-4', 'Proxy'), 'gpt-4');
  assert.equal(stripProviderSuffix('Other/gpt-4', 'Proxy'), 'Other/gpt-4');
  assert.equal(stripProviderSuffix('proxy/gpt-4', 'Proxy'), 'proxy/gpt-4');
  assert.equal(stripProviderSuffix('ProxyX/gpt-4', 'Proxy'), 'ProxyX/gpt-4');
  assert.equal(stripProviderSuffix('gpt-4', 'Proxy'), 'gpt-4');
});

test('strips only one leading suffix', () => {
  assert.equal(stripProviderSuffix('Proxy/Proxy/gpt-4', 'Proxy'), 'Proxy/gpt-4');
});

test('leaves the name alone with no suffix configured, or when nothing would remain', () => {
  assert.equal(stripProviderSuffix('Proxy/gpt-4', undefined), 'Proxy/gpt-4');
  assert.equal(stripProviderSuffix('Proxy/', 'Proxy'), 'Proxy/');
});
