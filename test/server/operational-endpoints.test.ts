import assert from 'node:assert/strict';
import test from 'node:test';
import { request as undiciRequest } from 'undici';
import { startFakeUpstream } from '../helpers/fake-upstream.ts';
import { startTestGateway } from '../helpers/start-test-gateway.ts';

/** Health, OpenAPI, docs, metrics and the small compatibility details (HEAD /, query strings). */

const upstreamSecret = 'sk-upstream-secret-for-health-test';

async function chat(url: string, model: string, extra: Record<string, unknown> = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], ...extra }),
  });
  return { status: response.status, text: await response.text() };
}

interface Sample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** The samples of one metric name in Prometheus text format, labels parsed (order-independent). */
function samples(metricsText: string, name: string): Sample[] {
  return metricsText.split('\n').flatMap((line) => {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null || match[1] !== name) return [];
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1] ?? ''] = pair[2] ?? '';
    return [{ labels, value: Number(match[3]) }];
  });
}

/** The value of the one sample whose labels include `wanted`; 0 when there is none. */
function sampleValue(metricsText: string, name: string, wanted: Readonly<Record<string, string>>): number {
  const found = samples(metricsText, name).filter((sample) => Object.entries(wanted).every(([key, value]) => sample.labels[key] === value));
  assert.ok(found.length <= 1, `one ${name} sample matches ${JSON.stringify(wanted)}, not ${found.length}`);
  return found[0]?.value ?? 0;
}

async function scrape(url: string): Promise<string> {
  const response = await fetch(`${url}/metrics`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
  return response.text();
}

test('GET /health answers 200 {"status":"ok"}', async (t) => {
  const gateway = await startTestGateway({ providers: [{ name: 'mock', type: 'mock' }] });
  t.after(() => gateway.shutdown());
  const response = await fetch(`${gateway.url}/health`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  assert.deepEqual(await response.json(), { status: 'ok' });
});

test('GET /health/detailed lists each provider with its state and never a key', async (t) => {
  const gateway = await startTestGateway({
    providers: [
      { name: 'primary', type: 'openai', api_base: 'http://127.0.0.1:9/v1', api_key: upstreamSecret },
      { name: 'claude', type: 'anthropic', api_base: 'http://127.0.0.1:9', api_key: upstreamSecret, enabled: false },
      { name: 'mock', type: 'mock' },
    ],
    master_keys: [{ name: 'team', key: 'sk-client-key-for-health-test' }],
  });
  t.after(() => gateway.shutdown());
  const response = await fetch(`${gateway.url}/health/detailed`);
  assert.equal(response.status, 200);
  const text = await response.text();
  const body = JSON.parse(text) as { status: string; providers: Record<string, unknown>[] };
  assert.equal(body.status, 'ok');
  assert.deepEqual(
    body.providers.map(({ name, type, enabled, in_cooldown, last_error }) => ({ name, type, enabled, in_cooldown, last_error })),
    [
      { name: 'primary', type: 'openai', enabled: true, in_cooldown: false, last_error: null },
      { name: 'claude', type: 'anthropic', enabled: false, in_cooldown: false, last_error: null },
      { name: 'mock', type: 'mock', enabled: true, in_cooldown: false, last_error: null },
    ],
  );
  assert.ok(!text.includes(upstreamSecret), 'no provider key');
  assert.ok(!text.includes('sk-client-key-for-health-test'), 'no client key');
  assert.ok(!/api_key|"key"/.test(text), 'no key fields at all');
});

test('/health/detailed is degraded when no provider is enabled', async (t) => {
  const gateway = await startTestGateway({ providers: [{ name: 'off', type: 'mock', enabled: false }] });
  t.after(() => gateway.shutdown());
  const body = (await (await fetch(`${gateway.url}/health/detailed`)).json()) as { status: string };
  assert.equal(body.status, 'degraded');
});

test('GET /openapi.json is an OpenAPI 3 document generated from the request schemas', async (t) => {
  const gateway = await startTestGateway({ providers: [{ name: 'mock', type: 'mock' }] });
  t.after(() => gateway.shutdown());
  const response = await fetch(`${gateway.url}/openapi.json`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  interface SchemaObject {
    type?: string;
    required?: string[];
    properties?: Record<string, unknown>;
  }
  const document = (await response.json()) as {
    openapi: string;
    info: { title: string; version: string };
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref: string } }> } }>>;
    components: { schemas: Record<string, SchemaObject> };
  };
  assert.match(document.openapi, /^3\.\d+\.\d+$/);
  assert.equal(document.info.title, 'llm-proxy');
  assert.equal(document.info.version, 'test');
  for (const path of [
    '/v1/chat/completions',
    '/v1/responses',
    '/v1/messages',
    '/v1/messages/count_tokens',
    '/v1/completions',
    '/v1/embeddings',
    '/v1/models',
    '/health',
    '/metrics',
  ]) {
    assert.ok(document.paths[path] !== undefined, `documents ${path}`);
  }
  const reference = document.paths['/v1/chat/completions']?.['post']?.requestBody?.content['application/json']?.schema.$ref;
  assert.equal(reference, '#/components/schemas/ChatCompletionRequest');
  const chatSchema = document.components.schemas['ChatCompletionRequest'];
  assert.ok(chatSchema !== undefined);
  assert.equal(chatSchema.type, 'object');
  assert.deepEqual([...(chatSchema.required ?? [])].sort(), ['messages', 'model']);
  // Fields only the zod schema knows: the document is generated from it, not written by hand.
  for (const property of ['stream_options', 'max_completion_tokens', 'tools']) {
    assert.ok(chatSchema.properties?.[property] !== undefined, `ChatCompletionRequest has ${property}`);
  }
  assert.deepEqual([...(document.components.schemas['AnthropicMessagesRequest']?.required ?? [])].sort(), ['max_tokens', 'messages', 'model']);
  for (const path of ['/v1/completions', '/v1/embeddings', '/v1/responses', '/v1/messages', '/v1/messages/count_tokens']) {
    const ref = document.paths[path]?.['post']?.requestBody?.content['application/json']?.schema.$ref ?? '';
    const name = ref.replace('#/components/schemas/', '');
    assert.ok(document.components.schemas[name] !== undefined, `${path} refers to a schema that exists (${ref})`);
  }
});

test('GET /docs is the Swagger UI page and its bundle is served locally', async (t) => {
  const gateway = await startTestGateway({ providers: [{ name: 'mock', type: 'mock' }] });
  t.after(() => gateway.shutdown());
  const page = await fetch(`${gateway.url}/docs`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  const html = await page.text();
  assert.match(html, /<script src="\/docs\/swagger-ui-bundle\.js"><\/script>/);
  assert.match(html, /\/openapi\.json/);

  const bundle = await fetch(`${gateway.url}/docs/swagger-ui-bundle.js`);
  assert.equal(bundle.status, 200);
  assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
  const script = await bundle.text();
  assert.ok(script.length > 100_000, 'the real bundle, not a stub');
  assert.match(script, /SwaggerUIBundle/);
  assert.equal((await fetch(`${gateway.url}/docs/swagger-ui.css`)).status, 200);
  assert.equal((await fetch(`${gateway.url}/docs/nothing.js`)).status, 404, 'only the known assets');
});

test('GET /metrics: requests_total moves per request with model, provider and status labels; unknown models are "other"', async (t) => {
  const gateway = await startTestGateway({
    providers: [{ name: 'canned', type: 'mock' }],
    models: { 'chat-alias': { routes: [{ provider: 'canned', model: 'mock-model' }] } },
  });
  t.after(() => gateway.shutdown());
  const url = `${gateway.url}/v1/chat/completions`;
  const aliasLabels = { method: 'POST', endpoint: '/v1/chat/completions', model: 'chat-alias', provider: 'canned', status_code: '200' };

  const before = await scrape(gateway.url);
  assert.equal(sampleValue(before, 'llm_proxy_requests_total', aliasLabels), 0);
  assert.equal((await chat(url, 'chat-alias')).status, 200);
  const afterOne = await scrape(gateway.url);
  assert.equal(sampleValue(afterOne, 'llm_proxy_requests_total', aliasLabels), 1);
  assert.equal((await chat(url, 'chat-alias')).status, 200);
  const afterTwo = await scrape(gateway.url);
  assert.equal(sampleValue(afterTwo, 'llm_proxy_requests_total', aliasLabels), 2);

  // A provider without model_mapping serves any name; such names are not label values.
  assert.equal((await chat(url, 'some-random-model')).status, 200);
  assert.equal((await chat(url, 'another-random-model')).status, 200);
  const afterRandom = await scrape(gateway.url);
  assert.equal(sampleValue(afterRandom, 'llm_proxy_requests_total', { ...aliasLabels, model: 'other' }), 2);
  assert.ok(!afterRandom.includes('some-random-model') && !afterRandom.includes('another-random-model'), 'the raw names never become labels');

  // A 404 for a model nobody serves is counted too.
  const counted = await startTestGateway({ providers: [{ name: 'canned', type: 'mock', model_mapping: { 'only-this': 'x' } }] });
  t.after(() => counted.shutdown());
  assert.equal((await chat(`${counted.url}/v1/chat/completions`, 'nobody-serves-this')).status, 404);
  const notFound = await scrape(counted.url);
  assert.equal(sampleValue(notFound, 'llm_proxy_requests_total', { endpoint: '/v1/chat/completions', model: 'other', status_code: '404' }), 1);

  // The duration histogram has buckets per label set, and its count matches the requests.
  const buckets = samples(afterTwo, 'llm_proxy_request_duration_seconds_bucket').filter((sample) => sample.labels['model'] === 'chat-alias');
  assert.ok(buckets.length > 5, 'several buckets');
  assert.ok(buckets.every((sample) => sample.labels['le'] !== undefined && sample.labels['provider'] === 'canned'));
  assert.equal(buckets.find((sample) => sample.labels['le'] === '+Inf')?.value, 2);
  assert.equal(
    sampleValue(afterTwo, 'llm_proxy_request_duration_seconds_count', { endpoint: '/v1/chat/completions', model: 'chat-alias', provider: 'canned' }),
    2,
  );
  assert.match(afterTwo, /^# TYPE llm_proxy_request_duration_seconds histogram$/m);
  assert.match(afterTwo, /^# TYPE llm_proxy_requests_total counter$/m);
});

test('llm_proxy_active_requests counts a stream while it runs and drops back when it ends', async (t) => {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const upstream = await startFakeUpstream(async (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('data: {"n":0}\n\n');
    await held;
    response.end('data: [DONE]\n\n');
  });
  t.after(() => upstream.close());
  t.after(() => release());
  const gateway = await startTestGateway({ providers: [{ name: 'slow', type: 'openai', api_base: `${upstream.url}/v1` }] });
  t.after(() => gateway.shutdown());

  const idle = sampleValue(await scrape(gateway.url), 'llm_proxy_active_requests', {});
  const response = await undiciRequest(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  });
  const iterator = response.body[Symbol.asyncIterator]();
  await iterator.next();
  assert.equal(sampleValue(await scrape(gateway.url), 'llm_proxy_active_requests', {}), idle + 1, 'the open stream is active');
  release();
  for (let next = await iterator.next(); next.done !== true; next = await iterator.next());
  await waitFor(async () => sampleValue(await scrape(gateway.url), 'llm_proxy_active_requests', {}) === idle);
});

test('HEAD / answers 200 with no body (Claude Code probes it); GET / names the service', async (t) => {
  const gateway = await startTestGateway({ providers: [{ name: 'mock', type: 'mock' }] });
  t.after(() => gateway.shutdown());
  const head = await undiciRequest(`${gateway.url}/`, { method: 'HEAD' });
  assert.equal(head.statusCode, 200);
  assert.equal(await head.body.text(), '');
  const root = await fetch(`${gateway.url}/`);
  assert.equal(root.status, 200);
  assert.equal(((await root.json()) as { name: string }).name, 'llm-proxy');
});

test('a query string (?beta=true) does not change the route', async (t) => {
  const gateway = await startTestGateway({
    providers: [{ name: 'canned', type: 'mock' }],
    models: { 'chat-alias': { routes: [{ provider: 'canned', model: 'mock-model' }] } },
  });
  t.after(() => gateway.shutdown());
  const answered = await chat(`${gateway.url}/v1/chat/completions?beta=true`, 'chat-alias');
  assert.equal(answered.status, 200);
  assert.equal((JSON.parse(answered.text) as { object: string }).object, 'chat.completion');
  assert.equal((await fetch(`${gateway.url}/health?probe=1`)).status, 200);
  assert.equal((await fetch(`${gateway.url}/v1/models?beta=true`)).status, 200);
  const metrics = await scrape(`${gateway.url}`);
  assert.equal(sampleValue(metrics, 'llm_proxy_requests_total', { endpoint: '/v1/chat/completions', model: 'chat-alias', status_code: '200' }), 1);
  assert.ok(!metrics.includes('beta=true'), 'the endpoint label is the path, not the raw URL');
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('an idle gateway reports no active requests: the /metrics scrape does not count itself', async (t) => {
  const gateway = await startTestGateway({ providers: [{ name: 'mock', type: 'mock' }] });
  t.after(() => gateway.shutdown());
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  assert.match(text, /^llm_proxy_active_requests 0$/m);
});
