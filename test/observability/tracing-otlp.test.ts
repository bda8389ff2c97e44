import assert from 'node:assert/strict';
import test, { type TestContext } from 'node:test';
import { answerJson, answerSse, type FakeUpstream, readFixture, startFakeUpstream, type UpstreamBehaviour } from '../helpers/fake-upstream.ts';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from './tracing-receiver.ts';
import { startObservedGateway } from './tracing-start-gateway.ts';

/** Spans of each proxied request and its attempts reach a local OTLP/HTTP receiver, with GenAI attributes. */

const serverKind = 2;
const clientKind = 3;
const errorStatus = 2;

async function upstreams(t: TestContext, ...behaviours: UpstreamBehaviour[]): Promise<FakeUpstream[]> {
  const started = await Promise.all(behaviours.map((behaviour) => startFakeUpstream(behaviour)));
  t.after(() => Promise.all(started.map((upstream) => upstream.close())));
  return started;
}

async function receiver(t: TestContext): Promise<OtlpReceiver> {
  const started = await startOtlpReceiver();
  t.after(() => started.close());
  return started;
}

/** Providers a, b in priority order, each mapping the client's `m` to its own upstream model. */
function providersOver(mocks: readonly FakeUpstream[]): Record<string, unknown>[] {
  return mocks.map((mock, index) => {
    const name = ['a', 'b'][index] ?? 'x';
    return {
      name,
      type: 'openai',
      api_base: `${mock.url}/v1`,
      api_key: `sk-provider-${name}-0123456789`,
      priority: index + 1,
      model_mapping: { m: `m-${name}` },
    };
  });
}

async function post(url: string, body: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, text: await response.text() };
}

function childrenOf(spans: readonly ReceivedSpan[], parent: ReceivedSpan): ReceivedSpan[] {
  return spans
    .filter((span) => span.parentSpanId === parent.spanId)
    .sort((left, right) => Number(left.attributes['llm_proxy.attempt']) - Number(right.attributes['llm_proxy.attempt']));
}

test('a failover: the request span and two attempt spans, with GenAI attributes, exported over OTLP/HTTP', async (t) => {
  const otlp = await receiver(t);
  const mocks = await upstreams(t, answerJson(500, { error: { message: 'boom' } }), answerJson(200, readFixture('openai-chat/nonstream-text.json')));
  const gateway = await startObservedGateway(
    t,
    { providers: providersOver(mocks) },
    { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url, OTEL_SERVICE_NAME: 'gateway-under-test' },
  );
  const answer = await post(`${gateway.url}/v1/chat/completions`, { model: 'm', messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(answer.status, 200, answer.text);
  await gateway.shutdown(1000);
  await otlp.waitForSpans(3);

  const request = otlp.spans.find((span) => span.kind === serverKind);
  assert.ok(request, 'a request span');
  assert.equal(request.name, 'chat m');
  assert.equal(request.serviceName, 'gateway-under-test');
  assert.equal(otlp.requests[0]?.path, '/v1/traces');
  assert.deepEqual(
    {
      operation: request.attributes['gen_ai.operation.name'],
      provider: request.attributes['gen_ai.provider.name'],
      system: request.attributes['gen_ai.system'],
      requestModel: request.attributes['gen_ai.request.model'],
      responseModel: request.attributes['gen_ai.response.model'],
      mappedModel: request.attributes['llm_proxy.mapped_model'],
      configuredProvider: request.attributes['llm_proxy.provider'],
      inputTokens: request.attributes['gen_ai.usage.input_tokens'],
      outputTokens: request.attributes['gen_ai.usage.output_tokens'],
      stream: request.attributes['gen_ai.request.stream'],
      status: request.attributes['http.response.status_code'],
      route: request.attributes['http.route'],
      attempts: request.attributes['llm_proxy.attempts'],
      errorType: request.attributes['error.type'],
    },
    {
      operation: 'chat',
      provider: 'openai',
      system: 'openai',
      requestModel: 'm',
      responseModel: 'm-b',
      mappedModel: 'm-b',
      configuredProvider: 'b',
      inputTokens: 19,
      outputTokens: 10,
      stream: false,
      status: 200,
      route: '/v1/chat/completions',
      attempts: 2,
      errorType: undefined,
    },
  );

  const attempts = childrenOf(otlp.spans, request);
  assert.equal(attempts.length, 2, 'one child span per attempt');
  const [failed, answered] = attempts;
  assert.ok(failed !== undefined && answered !== undefined);
  for (const attempt of attempts) {
    assert.equal(attempt.kind, clientKind);
    assert.equal(attempt.traceId, request.traceId);
  }
  assert.equal(failed.name, 'chat m-a');
  assert.equal(failed.attributes['llm_proxy.provider'], 'a');
  assert.equal(failed.attributes['gen_ai.request.model'], 'm-a');
  assert.equal(failed.attributes['http.response.status_code'], 500);
  assert.equal(failed.attributes['error.type'], 'status');
  assert.equal(failed.statusCode, errorStatus);
  assert.equal(answered.attributes['llm_proxy.provider'], 'b');
  assert.equal(answered.attributes['gen_ai.request.model'], 'm-b');
  assert.equal(answered.attributes['http.response.status_code'], 200);
  assert.equal(answered.attributes['error.type'], undefined);
  assert.notEqual(answered.statusCode, errorStatus);
});

test('a stream: streaming and time to first chunk on the request span; a failed request carries error.type', async (t) => {
  const otlp = await receiver(t);
  const mocks = await upstreams(t, answerSse(readFixture('openai-chat/stream-usage.sse')));
  const gateway = await startObservedGateway(t, { providers: providersOver(mocks) }, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${otlp.url}/v1/traces` });
  const streamed = await post(`${gateway.url}/v1/chat/completions`, {
    model: 'm',
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: 'hi' }],
  });
  assert.equal(streamed.status, 200, streamed.text);
  mocks[0]?.setBehaviour(answerJson(503, { error: { message: 'overloaded' } }));
  const failed = await post(`${gateway.url}/v1/chat/completions`, { model: 'm', messages: [{ role: 'user', content: 'hi' }] });
  assert.ok(failed.status >= 500, failed.text);
  await gateway.shutdown(1000);
  await otlp.waitForSpans(4);

  const requests = otlp.spans.filter((span) => span.kind === serverKind);
  assert.equal(requests.length, 2);
  const [stream, error] = requests.sort((left, right) => Number(right.attributes['gen_ai.request.stream']) - Number(left.attributes['gen_ai.request.stream']));
  assert.equal(stream?.attributes['gen_ai.request.stream'], true);
  const timeToFirstChunk = stream?.attributes['gen_ai.response.time_to_first_chunk'];
  assert.ok(typeof timeToFirstChunk === 'number' && timeToFirstChunk > 0, `time to first chunk: ${timeToFirstChunk}`);
  assert.equal(error?.attributes['http.response.status_code'], failed.status);
  assert.equal(typeof error?.attributes['error.type'], 'string');
  assert.equal(error?.statusCode, errorStatus);
});

test('without OTEL_EXPORTER_OTLP_ENDPOINT nothing is exported', async (t) => {
  const otlp = await receiver(t);
  const mocks = await upstreams(t, answerJson(200, readFixture('openai-chat/nonstream-text.json')));
  const gateway = await startObservedGateway(t, { providers: providersOver(mocks) }, {});
  assert.equal((await post(`${gateway.url}/v1/chat/completions`, { model: 'm', messages: [{ role: 'user', content: 'hi' }] })).status, 200);
  await gateway.shutdown(1000);
  assert.equal(otlp.requests.length, 0);
  assert.doesNotMatch(gateway.logText(), /tracing on/);
});

test('a client API request refused before routing (unknown key) is traced too; operational endpoints are not', async (t) => {
  const otlp = await receiver(t);
  const mocks = await upstreams(t, answerJson(200, readFixture('openai-chat/nonstream-text.json')));
  const gateway = await startObservedGateway(
    t,
    { providers: providersOver(mocks), master_keys: [{ name: 'team', key: 'sk-tracing-test-key-01' }] },
    { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${otlp.url}/v1/traces` },
  );
  const refused = await post(`${gateway.url}/v1/chat/completions`, { model: 'm', messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(refused.status, 401);
  assert.equal((await fetch(`${gateway.url}/health`)).status, 200);
  await gateway.shutdown(1000);
  await otlp.waitForSpans(1);

  assert.equal(otlp.spans.length, 1, 'one span: the refused request; none for /health');
  const span = otlp.spans[0];
  assert.equal(span?.kind, serverKind);
  assert.equal(span?.attributes['http.response.status_code'], 401);
  assert.equal(span?.attributes['error.type'], 'GW_ERR_MISSING_API_KEY');
  assert.equal(span?.attributes['gen_ai.request.model'], undefined, 'refused before the body was read');
});
