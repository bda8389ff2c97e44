import assert from 'node:assert/strict';
import test from 'node:test';
import { createSecretMasker } from './create-secret-masker.ts';

const mask = createSecretMasker(['client-key-0123456789', 'short', 'provider-secret-abcdef']);

test('key-shaped strings are masked wherever they are in the text', () => {
  assert.equal(mask('key sk-proj-AbC123xyz789 and sk-ant-api03-Zz_9-aa end'), 'key [redacted] and [redacted] end');
  assert.equal(mask('{"msg":"upstream said: Incorrect API key provided: sk-abc123456789"}'), '{"msg":"upstream said: Incorrect API key provided: [redacted]"}');
  assert.equal(mask('Authorization: Bearer abc.def-123456'), 'Authorization: Bearer [redacted]');
});

test('secret JSON fields are masked, also inside an escaped JSON string', () => {
  assert.equal(mask('{"api_key":"plain-value","x":1}'), '{"api_key":"[redacted]","x":1}');
  assert.equal(
    mask('{"headers":{"authorization":"Basic dXNlcjpwYXNz","x-api-key":"abc"}}'),
    '{"headers":{"authorization":"[redacted]","x-api-key":"[redacted]"}}',
  );
  assert.equal(mask('{"body":"{\\"secret_key\\":\\"lf-sk-1\\"}"}'), '{"body":"{\\"secret_key\\":\\"[redacted]\\"}"}');
});

test('configured secrets are masked by value; short ones and ordinary words are left alone', () => {
  assert.equal(mask('got client-key-0123456789 and provider-secret-abcdef'), 'got [redacted] and [redacted]');
  assert.equal(mask('a short task-list with tokens and keyName'), 'a short task-list with tokens and keyName');
});

test('a line with nothing to mask is returned as the same string', () => {
  const line = '{"level":30,"requestId":"r1","keyName":"team","model":"gpt-4o","msg":"request finished"}\n';
  assert.equal(mask(line), line);
});
