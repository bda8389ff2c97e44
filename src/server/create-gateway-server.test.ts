import assert from 'node:assert/strict';
import test from 'node:test';
import { request } from 'undici';
import { startFakeUpstream } from '../../test/helpers/fake-upstream.ts';
import { startTestGateway } from '../../test/helpers/start-test-gateway.ts';

/** docs/errors.md: every response, errors included, carries an x-request-id header. */
test('every answer carries x-request-id: proxied, passed-on 4xx, errors, operational endpoints, HEAD', async (t) => {
  const upstream = await startFakeUpstream((recorded, response) => {
    const status = recorded.json?.['model'] === 'bad-request' ? 400 : 200;
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end('{"id":"x"}');
  });
  t.after(() => upstream.close());
  const gateway = await startTestGateway({
    server: { body_limit: 1024 },
    providers: [{ name: 'main', type: 'openai', api_base: `${upstream.url}/v1`, api_key: 'sk-upstream' }],
    master_keys: [{ name: 'team', key: 'sk-team', allowed_models: ['*'] }],
  });
  t.after(() => gateway.shutdown());
  const auth = { authorization: 'Bearer sk-team', 'content-type': 'application/json' };
  const chat = (model: string) => JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] });
  const cases: [string, Parameters<typeof request>[1], number][] = [
    ['/v1/chat/completions', { method: 'POST', headers: auth, body: chat('gpt-4o') }, 200],
    ['/v1/chat/completions', { method: 'POST', headers: auth, body: chat('bad-request') }, 400],
    ['/v1/chat/completions', { method: 'POST', headers: auth, body: '{' }, 400],
    ['/v1/chat/completions', { method: 'POST', headers: auth, body: 'x'.repeat(2048) }, 413],
    ['/v1/chat/completions', { method: 'POST', body: chat('gpt-4o') }, 401],
    ['/v1/chat/completions', { method: 'GET' }, 405],
    ['/v1/models', { method: 'GET', headers: auth }, 200],
    ['/nowhere', { method: 'GET' }, 404],
    ['/health', { method: 'GET' }, 200],
    ['/health/detailed', { method: 'GET' }, 200],
    ['/metrics', { method: 'GET' }, 200],
    ['/openapi.json', { method: 'GET' }, 200],
    ['/docs', { method: 'GET' }, 200],
    ['/docs/swagger-ui.css', { method: 'GET' }, 200],
    ['/', { method: 'GET' }, 200],
    ['/', { method: 'HEAD' }, 200],
  ];
  for (const [path, options, status] of cases) {
    const label = `${options?.method} ${path} (${status})`;
    const answer = await request(`${gateway.url}${path}`, { ...options, headers: { ...options?.headers, 'x-request-id': `id-${status}` } });
    await answer.body.dump();
    assert.equal(answer.statusCode, status, label);
    assert.equal(answer.headers['x-request-id'], `id-${status}`, label);
  }
});
