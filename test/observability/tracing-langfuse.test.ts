import assert from 'node:assert/strict';
import test, { type TestContext } from 'node:test';
import { answerJson, type FakeUpstream, readFixture, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { type OtlpReceiver, startOtlpReceiver } from './tracing-receiver.ts';
import { startObservedGateway } from './tracing-start-gateway.ts';

/** Langfuse through its OpenTelemetry span processor, against a fake Langfuse host in the test. */

const publicKey = 'pk-lf-test-public-1234';
const secretKey = 'sk-lf-test-secret-5678-abcdef';
/** Where @langfuse/otel posts (LangfuseSpanProcessor: `${baseUrl}/api/public/otel/v1/traces`). */
const langfuseTracesPath = '/api/public/otel/v1/traces';

async function setUp(t: TestContext, sampleRate: string): Promise<{ langfuse: OtlpReceiver; upstream: FakeUpstream; environment: Record<string, string> }> {
  const langfuse = await startOtlpReceiver(langfuseTracesPath);
  t.after(() => langfuse.close());
  const upstream = await startFakeUpstream(answerJson(200, readFixture('openai-chat/nonstream-text.json')));
  t.after(() => upstream.close());
  const environment = {
    LANGFUSE_ENABLED: 'true',
    LANGFUSE_PUBLIC_KEY: publicKey,
    LANGFUSE_SECRET_KEY: secretKey,
    LANGFUSE_HOST: langfuse.url,
    LANGFUSE_SAMPLE_RATE: sampleRate,
    LANGFUSE_FLUSH_INTERVAL: '0.05',
  };
  return { langfuse, upstream, environment };
}

function config(upstream: FakeUpstream): Record<string, unknown> {
  return {
    providers: [
      { name: 'anthro-compatible', type: 'openai', api_base: `${upstream.url}/v1`, api_key: 'provider-key-0123456789', model_mapping: { m: 'm-upstream' } },
    ],
  };
}

async function post(url: string): Promise<number> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
  });
  await response.arrayBuffer();
  return response.status;
}

test('spans reach the Langfuse host with Basic auth, as generations with models, usage and provider; the secret key is never logged', async (t) => {
  const { langfuse, upstream, environment } = await setUp(t, '1');
  const gateway = await startObservedGateway(t, config(upstream), environment);
  assert.equal(await post(gateway.url), 200);
  await langfuse.waitForSpans(2);
  await gateway.shutdown(1000);

  const exportRequest = langfuse.requests[0];
  assert.equal(exportRequest?.path, langfuseTracesPath);
  assert.equal(exportRequest?.headers.authorization, `Basic ${Buffer.from(`${publicKey}:${secretKey}`).toString('base64')}`);
  const generation = langfuse.spans.find((span) => span.parentSpanId === undefined);
  assert.ok(generation);
  assert.equal(generation.attributes['langfuse.observation.type'], 'generation');
  assert.equal(generation.attributes['gen_ai.request.model'], 'm');
  assert.equal(generation.attributes['gen_ai.response.model'], 'm-upstream');
  assert.equal(generation.attributes['llm_proxy.provider'], 'anthro-compatible');
  assert.equal(generation.attributes['gen_ai.usage.input_tokens'], 19);
  assert.equal(generation.attributes['gen_ai.usage.output_tokens'], 10);
  assert.ok(
    langfuse.spans.some((span) => span.parentSpanId === generation.spanId),
    'the attempt span',
  );

  const logs = gateway.logText();
  assert.match(logs, /tracing on/);
  assert.ok(logs.includes(publicKey), 'the public key may be logged');
  assert.ok(!logs.includes(secretKey), 'the secret key is not');
});

test('LANGFUSE_SAMPLE_RATE=0 exports nothing to Langfuse', async (t) => {
  const { langfuse, upstream, environment } = await setUp(t, '0');
  const gateway = await startObservedGateway(t, config(upstream), environment);
  assert.equal(await post(gateway.url), 200);
  await gateway.shutdown(1000);
  assert.equal(langfuse.spans.length, 0);
});
