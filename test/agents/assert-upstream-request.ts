import assert from 'node:assert/strict';
import type { RecordedRequest } from '../helpers/fake-upstream.ts';
import { agentClientKey, agentUpstreamKey } from './start-agent-gateway.ts';
import type { AgentRoute } from './start-agent-route.ts';

/**
 * Through the gateway, the upstream gets its own protocol's path and auth with the provider's key, never
 * the client's; on every route the request is streamed, because both CLIs stream and the gateway relays
 * streams as they arrive.
 */
export function assertUpstreamRequest(request: RecordedRequest, route: AgentRoute, evidence: () => string): void {
  const where = `${request.method} ${request.path}`;
  assert.equal(request.json?.['stream'], true, `streamed upstream: ${where}\n${evidence()}`);
  if (route.providerType === undefined) return;
  assert.ok(!JSON.stringify(request.headers).includes(agentClientKey), `the client key stays at the gateway: ${where}\n${evidence()}`);
  const path = request.path.split('?')[0];
  if (route.providerType === 'openai') {
    assert.equal(path, '/v1/chat/completions', evidence());
    assert.equal(request.headers.authorization, `Bearer ${agentUpstreamKey}`, evidence());
  } else {
    assert.equal(path, '/v1/messages', evidence());
    assert.equal(request.headers['x-api-key'], agentUpstreamKey, evidence());
    assert.equal(typeof request.headers['anthropic-version'], 'string', `anthropic-version sent: ${where}\n${evidence()}`);
  }
}
