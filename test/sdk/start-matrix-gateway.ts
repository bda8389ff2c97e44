import type test from 'node:test';
import { type FakeUpstream, startFakeUpstream, type UpstreamBehaviour } from '../helpers/fake-upstream.ts';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway.ts';
import type { SdkProtocol } from './sdk-protocol.ts';

/** The key clients give the gateway, the key the gateway gives the provider, and the two model names. */
export const matrixNames = {
  clientKey: 'sk-matrix-client',
  upstreamKey: 'sk-matrix-upstream-secret',
  /** What clients ask for: an alias, so every upstream request shows the gateway rewrote `model`. */
  clientModel: 'matrix-model',
  upstreamModel: 'upstream-model-2026',
} as const;

/** Where each provider protocol's requests land on the fake upstream. */
export const upstreamPaths = {
  'openai-chat': '/v1/chat/completions',
  'openai-responses': '/v1/responses',
  'anthropic-messages': '/v1/messages',
} as const satisfies Record<SdkProtocol, string>;

export interface MatrixGateway {
  readonly gateway: TestGateway;
  readonly upstream: FakeUpstream;
}

/**
 * A fake upstream plus a gateway whose one provider speaks `provider` to it: `type: openai` (Chat
 * Completions at api_base + /chat/completions), `type: openai` with `wire_api: responses` (api_base +
 * /responses) or `type: anthropic` (api_base + /v1/messages). The alias `matrix-model` routes to it.
 * Both are closed after the test.
 */
export async function startMatrixGateway(t: test.TestContext, provider: SdkProtocol, behaviour: UpstreamBehaviour): Promise<MatrixGateway> {
  const upstream = await startFakeUpstream(behaviour);
  t.after(() => upstream.close());
  const gateway = await startTestGateway({
    providers: [providerConfig(provider, upstream.url)],
    models: { [matrixNames.clientModel]: { routes: [{ provider: 'upstream', model: matrixNames.upstreamModel }] } },
    master_keys: [{ name: 'matrix', key: matrixNames.clientKey }],
  });
  t.after(() => gateway.shutdown());
  return { gateway, upstream };
}

function providerConfig(provider: SdkProtocol, upstreamUrl: string): Record<string, unknown> {
  const common = { name: 'upstream', api_key: matrixNames.upstreamKey };
  switch (provider) {
    case 'openai-chat':
      return { ...common, type: 'openai', api_base: `${upstreamUrl}/v1` };
    case 'openai-responses':
      return { ...common, type: 'openai', api_base: `${upstreamUrl}/v1`, wire_api: 'responses' };
    case 'anthropic-messages':
      return { ...common, type: 'anthropic', api_base: upstreamUrl };
  }
}
