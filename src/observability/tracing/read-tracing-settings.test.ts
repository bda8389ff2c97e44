import assert from 'node:assert/strict';
import test from 'node:test';
import { ConfigError } from '../../config/config-error.ts';
import { readTracingSettings } from './read-tracing-settings.ts';

test('no variables, or OTEL_SDK_DISABLED: no tracing', () => {
  assert.equal(readTracingSettings({}), undefined);
  assert.equal(readTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }), undefined);
  assert.equal(readTracingSettings({ LANGFUSE_ENABLED: 'false', LANGFUSE_SECRET_KEY: 'x' }), undefined);
});

test('the OTLP traces URL: /v1/traces appended to the endpoint, the traces endpoint taken as is', () => {
  assert.equal(readTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })?.otlpTracesUrl, 'http://collector:4318/v1/traces');
  assert.equal(
    readTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/custom' })?.otlpTracesUrl,
    'http://b:4318/custom',
  );
  assert.equal(readTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_SERVICE_NAME: 'edge' })?.serviceName, 'edge');
});

test('Langfuse settings, with defaults', () => {
  const settings = readTracingSettings({
    LANGFUSE_ENABLED: 'true',
    LANGFUSE_PUBLIC_KEY: 'pk',
    LANGFUSE_SECRET_KEY: 'sk',
    LANGFUSE_SAMPLE_RATE: '0.25',
    LANGFUSE_DEBUG: '1',
  });
  assert.deepEqual(settings?.langfuse, {
    publicKey: 'pk',
    secretKey: 'sk',
    host: 'https://cloud.langfuse.com',
    sampleRate: 0.25,
    flushIntervalSeconds: undefined,
    debug: true,
  });
  assert.equal(settings?.otlpTracesUrl, undefined);
});

test('unusable values are one config error naming each variable', () => {
  assert.throws(
    () =>
      readTracingSettings({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
        LANGFUSE_ENABLED: 'true',
        LANGFUSE_SAMPLE_RATE: '2',
        LANGFUSE_FLUSH_INTERVAL: '-1',
      }),
    (error: unknown) =>
      error instanceof ConfigError &&
      error.problems.length === 5 &&
      ['OTEL_EXPORTER_OTLP_ENDPOINT', 'LANGFUSE_PUBLIC_KEY', 'LANGFUSE_SECRET_KEY', 'LANGFUSE_SAMPLE_RATE', 'LANGFUSE_FLUSH_INTERVAL'].every((name) =>
        error.problems.some((problem) => problem.startsWith(`${name}:`)),
      ),
  );
});
