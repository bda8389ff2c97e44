import assert from 'node:assert/strict';
import test from 'node:test';
import { createLogger } from '../create-logger.ts';
import { createRoutedLogDestination } from './create-routed-log-destination.ts';
import { createSecretFieldCheck, createSecretMasker } from './create-secret-masker.ts';

const known = ['client-key-0123456789'];

function logInto(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const destination = createRoutedLogDestination({
    main: { write: (line: string) => lines.push(line) },
    mask: { line: createSecretMasker(known), field: createSecretFieldCheck(known) },
  });
  return { lines, logger: createLogger('info', destination) };
}

test('the request line is masked when a client-given field holds a key: the model, the request id', () => {
  const { lines, logger } = logInto();
  logger.info({ requestId: 'r1', model: 'sk-proj-abcdef123456', keyName: 'team' }, 'request finished');
  logger.warn({ requestId: 'client-key-0123456789', model: 'gpt-4o' }, 'request failed');
  logger.info({ requestId: 'r3', model: 'gpt-4o', keyName: 'team' }, 'request finished');
  assert.ok(!lines[0]?.includes('sk-proj-abcdef123456') && lines[0]?.includes('"model":"[redacted]"'));
  assert.ok(!lines[1]?.includes('client-key-0123456789'));
  assert.match(lines[2] ?? '', /"model":"gpt-4o"/);
});

test('any other line is masked whole: a key in its message or any field', () => {
  const { lines, logger } = logInto();
  logger.warn({ upstream: { body: '{"error":"bad key sk-ant-api03-abcdefgh"}' } }, 'provider failed');
  logger.info(`started with client-key-0123456789`);
  assert.ok(!lines[0]?.includes('sk-ant-api03-abcdefgh'));
  assert.ok(!lines[1]?.includes('client-key-0123456789'));
});
