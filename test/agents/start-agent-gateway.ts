import type { TestContext } from 'node:test';
import type { FakeUpstream } from '../helpers/fake-upstream.ts';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway.ts';

/** The key the CLIs send to the gateway. */
export const agentClientKey = 'sk-agent-test';
/** The key the gateway sends upstream; the client key must never reach the upstream. */
export const agentUpstreamKey = 'sk-upstream-test';

export type AgentProviderType = 'openai' | 'anthropic';

/**
 * The gateway in-process with one provider and no model mapping, so every model name the CLIs send
 * (`claude-opus-…`, a haiku for side requests, `gpt-5.5`) is served as is by `upstream`.
 */
export async function startAgentGateway(t: TestContext, type: AgentProviderType, upstream: FakeUpstream): Promise<TestGateway> {
  const gateway = await startTestGateway({
    providers: [{ name: 'up', type, api_base: type === 'openai' ? `${upstream.url}/v1` : upstream.url, api_key: agentUpstreamKey }],
    master_keys: [{ name: 'agent', key: agentClientKey }],
  });
  t.after(() => gateway.shutdown(1000));
  return gateway;
}
