import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { errorCatalogue, gatewayErrorCodes } from '../../errors/error-catalogue.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { parseOpenAIResponsesErrorBody } from './parse-openai-responses-error-body.ts';
import { toOpenAIResponsesErrorBody } from './to-openai-responses-error-body.ts';

test('every gateway code maps to an OpenAI error body, param included', () => {
  for (const code of gatewayErrorCodes) {
    const body = toOpenAIResponsesErrorBody(new GatewayError(code));
    assert.equal(body.error.code, code);
    assert.equal(body.error.message, errorCatalogue[code].message);
    assert.ok(body.error.type.length > 0);
    assert.equal(body.error.param, null);
  }
  assert.deepEqual(
    toOpenAIResponsesErrorBody(
      new GatewayError('GW_ERR_INVALID_REQUEST', { message: "'previous_response_id' is not supported.", param: 'previous_response_id' }),
    ),
    {
      error: {
        message: "'previous_response_id' is not supported.",
        type: 'invalid_request_error',
        code: 'GW_ERR_INVALID_REQUEST',
        param: 'previous_response_id',
      },
    },
  );
});

test('an upstream OpenAI error body -> errorType, code and message (the Chat reading); junk is tolerated', () => {
  const rateLimit = readFileSync(new URL('../../../../shared/fixtures/openai-chat/error-rate-limit.json', import.meta.url), 'utf8');
  const parsed = parseOpenAIResponsesErrorBody(rateLimit);
  assert.equal(parsed.errorType, 'tokens');
  assert.equal(parsed.code, 'rate_limit_exceeded');
  assert.match(parsed.message, /^Rate limit reached/);
  assert.deepEqual(parseOpenAIResponsesErrorBody({ error: { message: 'Bad', type: 'invalid_request_error', param: 'input', code: null } }), {
    errorType: 'invalid_request_error',
    message: 'Bad',
  });
  assert.equal(parseOpenAIResponsesErrorBody('<html>502 Bad Gateway</html>').errorType, 'upstream_error');
  assert.equal(parseOpenAIResponsesErrorBody(42).errorType, 'upstream_error');
});
