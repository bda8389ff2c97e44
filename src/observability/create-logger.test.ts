import assert from 'node:assert/strict';
import test from 'node:test';
import { createLogger } from './create-logger.ts';

function captureLines(): { lines: Record<string, unknown>[]; write(line: string): boolean } {
  const lines: Record<string, unknown>[] = [];
  return { lines, write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) > 0 };
}

test('keys are masked: key headers, provider and client key fields', () => {
  const destination = captureLines();
  const logger = createLogger('info', destination);
  logger.info({ headers: { authorization: 'Bearer sk-client', 'x-api-key': 'sk-x', accept: '*/*' } }, 'headers');
  logger.info({ provider: { name: 'openai', api_key: 'sk-provider' } }, 'provider config');
  logger.info({ masterKey: { name: 'team', key: 'sk-team' }, api_key: 'sk-1', key: 'sk-2' }, 'keys');
  const [headers, provider, keys] = destination.lines;
  assert.deepEqual(headers?.['headers'], { authorization: '[redacted]', 'x-api-key': '[redacted]', accept: '*/*' });
  assert.deepEqual(provider?.['provider'], { name: 'openai', api_key: '[redacted]' });
  assert.deepEqual(keys?.['masterKey'], { name: 'team', key: '[redacted]' });
  assert.equal(keys?.['api_key'], '[redacted]');
  assert.equal(keys?.['key'], '[redacted]');
});

test('a provider name (the request line field) is logged as it is', () => {
  const destination = captureLines();
  createLogger('info', destination).info({ provider: 'openai', keyName: 'team' }, 'request finished');
  assert.equal(destination.lines[0]?.['provider'], 'openai');
  assert.equal(destination.lines[0]?.['keyName'], 'team');
});
