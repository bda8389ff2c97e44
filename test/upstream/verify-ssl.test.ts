import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import test from 'node:test';
import { startTestGateway } from '../helpers/start-test-gateway.ts';

const chat = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });

async function startSelfSignedUpstream(t: test.TestContext): Promise<string> {
  const server = createServer(
    {
      cert: readFileSync(new URL('../fixtures/self-signed-cert.pem', import.meta.url)),
      key: readFileSync(new URL('../fixtures/self-signed-key.pem', import.meta.url)),
    },
    (request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"ok":true}');
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

test('verify_ssl: certificates are checked by default, so a self-signed upstream is refused', async (t) => {
  const apiBase = await startSelfSignedUpstream(t);
  const gateway = await startTestGateway({ providers: [{ name: 'tls', type: 'openai', api_base: apiBase }] });
  t.after(() => gateway.shutdown());
  const response = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', body: chat });
  assert.equal(response.status, 502);
  assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'GW_ERR_UPSTREAM_CONNECTION');
});

test('verify_ssl: false turns the check off, globally or for one provider', async (t) => {
  const apiBase = await startSelfSignedUpstream(t);
  const global = await startTestGateway({ verify_ssl: false, providers: [{ name: 'tls', type: 'openai', api_base: apiBase }] });
  t.after(() => global.shutdown());
  assert.equal((await fetch(`${global.url}/v1/chat/completions`, { method: 'POST', body: chat })).status, 200);

  const perProvider = await startTestGateway({ providers: [{ name: 'tls', type: 'openai', api_base: apiBase, verify_ssl: false }] });
  t.after(() => perProvider.shutdown());
  assert.equal((await fetch(`${perProvider.url}/v1/chat/completions`, { method: 'POST', body: chat })).status, 200);
});
