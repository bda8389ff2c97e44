import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { errorCatalogue, gatewayErrorCodes } from '../../errors/error-catalogue.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { anthropicMessagesErrorTypes, mapToAnthropicMessagesErrorType } from './map-to-anthropic-messages-error-type.ts';
import { parseAnthropicMessagesErrorBody } from './parse-anthropic-messages-error-body.ts';
import { toAnthropicMessagesErrorBody } from './to-anthropic-messages-error-body.ts';

const fixtureText = (name: string): string => readFileSync(new URL(`../../../../shared/fixtures/anthropic-messages/${name}`, import.meta.url), 'utf8');

/** The status Anthropic answers each error type with (Errors page). */
const statusOfType: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
};

test('every gateway code maps to an Anthropic error body; the type matches the status class', () => {
  for (const code of gatewayErrorCodes) {
    const body = toAnthropicMessagesErrorBody(new GatewayError(code));
    assert.deepEqual(Object.keys(body), ['type', 'error'], code);
    assert.equal(body.type, 'error');
    assert.equal(body.error.message, errorCatalogue[code].message);
    assert.ok((anthropicMessagesErrorTypes as readonly string[]).includes(body.error.type), `${code}: ${body.error.type}`);
    const status = errorCatalogue[code].status;
    const expected = statusOfType[body.error.type];
    if (status === 405 || status === 409 || status === 501) assert.equal(body.error.type, 'invalid_request_error', code);
    else if (status === 502) assert.equal(body.error.type, 'api_error', code);
    // Anthropic says "overloaded" with 529; the gateway's 503 carries that meaning with a standard status.
    else if (status === 503) assert.equal(body.error.type, 'overloaded_error', code);
    else assert.equal(expected, status, `${code}: ${body.error.type} is Anthropic's ${expected}, the gateway answers ${status}`);
  }
});

test('the body carries request_id when given, and a custom message', () => {
  assert.deepEqual(
    toAnthropicMessagesErrorBody(new GatewayError('GW_ERR_INVALID_REQUEST', { message: 'max_tokens: Field required.', param: 'max_tokens' }), 'req_1'),
    {
      type: 'error',
      error: { type: 'invalid_request_error', message: 'max_tokens: Field required.' },
      request_id: 'req_1',
    },
  );
});

test('upstream error bodies: the fixtures, as text or parsed', () => {
  assert.deepEqual(parseAnthropicMessagesErrorBody(fixtureText('error-overloaded.json')), {
    errorType: 'overloaded_error',
    message: 'Overloaded',
    requestId: 'req_011CSHoEeqs5C35K2UUqR7Fy',
  });
  const rateLimit = parseAnthropicMessagesErrorBody(JSON.parse(fixtureText('error-rate-limit.json')));
  assert.equal(rateLimit.errorType, 'rate_limit_error');
  assert.ok(rateLimit.message.startsWith("This request would exceed your organization's rate limit"));
  assert.equal(rateLimit.requestId, 'req_011CYK5n67SytMUxm8WMZUWY');
});

test('upstream error bodies: junk from proxies', () => {
  assert.deepEqual(parseAnthropicMessagesErrorBody('<html>502 Bad Gateway</html>'), { errorType: 'api_error', message: '<html>502 Bad Gateway</html>' });
  assert.deepEqual(parseAnthropicMessagesErrorBody(''), { errorType: 'api_error', message: 'The upstream provider answered with an error.' });
  assert.deepEqual(parseAnthropicMessagesErrorBody({ error: 'quota exhausted' }), { errorType: 'api_error', message: 'quota exhausted' });
  assert.deepEqual(parseAnthropicMessagesErrorBody({ message: 'Forbidden' }), { errorType: 'api_error', message: 'Forbidden' });
  assert.deepEqual(parseAnthropicMessagesErrorBody([1, 2]), { errorType: 'api_error', message: 'The upstream provider answered with an error.' });
  assert.equal(parseAnthropicMessagesErrorBody('x'.repeat(5000)).message.length, 1001);
});

test('error types of other protocols -> the nearest Anthropic type', () => {
  for (const type of anthropicMessagesErrorTypes) assert.equal(mapToAnthropicMessagesErrorType(type), type);
  assert.equal(mapToAnthropicMessagesErrorType('rate_limit_exceeded'), 'rate_limit_error');
  assert.equal(mapToAnthropicMessagesErrorType('tokens'), 'rate_limit_error');
  assert.equal(mapToAnthropicMessagesErrorType('insufficient_quota'), 'billing_error');
  assert.equal(mapToAnthropicMessagesErrorType('server_error'), 'api_error');
  assert.equal(mapToAnthropicMessagesErrorType('context_length_exceeded'), 'invalid_request_error');
  assert.equal(mapToAnthropicMessagesErrorType('upstream_timeout'), 'timeout_error');
  assert.equal(mapToAnthropicMessagesErrorType('anything'), 'api_error');
});
