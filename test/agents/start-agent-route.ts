import type { TestContext } from 'node:test';
import { type FakeUpstream, startFakeUpstream, type UpstreamBehaviour } from '../helpers/fake-upstream.ts';
import type { TestGateway } from '../helpers/start-test-gateway.ts';
import type { UpstreamProtocol } from './assert-tool-history.ts';
import { type AgentProviderType, startAgentGateway } from './start-agent-gateway.ts';

/** One way from a CLI to a scripted upstream: directly (the baseline) or through the gateway to a provider type. */
export interface AgentRoute {
  readonly name: string;
  readonly behaviour: UpstreamBehaviour;
  readonly upstreamProtocol: UpstreamProtocol;
  /** undefined: the CLI talks to the upstream directly. */
  readonly providerType: AgentProviderType | undefined;
}

export interface StartedAgentRoute {
  readonly upstream: FakeUpstream;
  readonly gateway: TestGateway | undefined;
  /** The gateway's URL, or the upstream's for the baseline; without a path. */
  readonly url: string;
}

/** Starts the scripted upstream and, unless it is the baseline, a gateway in front of it; both closed after `t`. */
export async function startAgentRoute(t: TestContext, route: AgentRoute): Promise<StartedAgentRoute> {
  const upstream = await startFakeUpstream(route.behaviour);
  t.after(() => upstream.close());
  if (route.providerType === undefined) return { upstream, gateway: undefined, url: upstream.url };
  const gateway = await startAgentGateway(t, route.providerType, upstream);
  return { upstream, gateway, url: gateway.url };
}
