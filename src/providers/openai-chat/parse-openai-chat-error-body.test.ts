import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { parseOpenAIChatErrorBody } from './parse-openai-chat-error-body.ts';

test('error-rate-limit.json (HTTP 429): type, code and message', () => {
  const text = readFileSync(new URL('../../../../shared/fixtures/openai-chat/error-rate-limit.json', import.meta.url), 'utf8');
  const expected = {
    errorType: 'tokens',
    code: 'rate_limit_exceeded',
    message:
      'Rate limit reached for gpt-4o in organization org-XXXXXXXXXXXXXXXXXXXXXXXX on tokens per min (TPM): Limit 30000, Used 29937, Requested 385. Please try again in 644ms. Visit https://platform.openai.com/account/rate-limits to learn more.',
  };
  assert.deepEqual(parseOpenAIChatErrorBody(text), expected);
  assert.deepEqual(parseOpenAIChatErrorBody(JSON.parse(text)), expected, 'already parsed');
});

test('compatible servers and junk', () => {
  assert.deepEqual(parseOpenAIChatErrorBody({ error: { message: 'bad', type: null, code: 400 } }), { errorType: '400', code: '400', message: 'bad' });
  assert.deepEqual(parseOpenAIChatErrorBody('{"error":"model not loaded"}'), { errorType: 'upstream_error', message: 'model not loaded' });
  assert.deepEqual(parseOpenAIChatErrorBody('{"detail":"Not Found"}'), { errorType: 'upstream_error', message: 'Not Found' });
  assert.deepEqual(parseOpenAIChatErrorBody('{"object":"error","message":"too long","type":"BadRequestError"}'), {
    errorType: 'BadRequestError',
    message: 'too long',
  });
  assert.deepEqual(parseOpenAIChatErrorBody('<html>502 Bad Gateway</html>'), { errorType: 'upstream_error', message: '<html>502 Bad Gateway</html>' });
  assert.deepEqual(parseOpenAIChatErrorBody(''), { errorType: 'upstream_error', message: 'The upstream provider answered with an error.' });
  assert.deepEqual(parseOpenAIChatErrorBody([1, 2]), { errorType: 'upstream_error', message: 'The upstream provider answered with an error.' });
  const long = parseOpenAIChatErrorBody('x'.repeat(5_000));
  assert.equal(long.message.length, 1_001);
});
