import assert from 'node:assert/strict';
import test from 'node:test';
import { buildOpenAPIDocument } from '../openapi/build-openapi-document.ts';

test('/openapi.json has the Admin API, its bodies generated from the schemas that check them', () => {
  const document = buildOpenAPIDocument('test') as {
    paths: Record<string, Record<string, unknown>>;
    components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }>; securitySchemes: Record<string, unknown> };
  };
  for (const path of [
    '/admin/v1/providers',
    '/admin/v1/providers/{id}',
    '/admin/v1/providers/{id}/health',
    '/admin/v1/credentials',
    '/admin/v1/credentials/{id}',
    '/admin/v1/config/reload',
    '/admin/v1/config/version',
  ]) {
    assert.ok(document.paths[path] !== undefined, path);
  }
  const provider = document.components.schemas['AdminProvider'];
  assert.deepEqual(Object.keys(provider?.properties ?? {}).sort(), [
    'api_base',
    'api_key',
    'id',
    'is_enabled',
    'max_output_tokens',
    'model_mapping',
    'priority',
    'provider_type',
    'timeouts',
    'verify_ssl',
    'weight',
    'wire_api',
  ]);
  assert.deepEqual(provider?.required?.sort(), ['id', 'provider_type']);
  assert.deepEqual(Object.keys(document.components.schemas['AdminCredential']?.properties ?? {}).sort(), [
    'allowed_models',
    'is_enabled',
    'key',
    'name',
    'rate_limit',
    'tokens_per_minute',
  ]);
  assert.deepEqual(Object.keys(document.components.schemas['AdminProviderHealthRequest']?.properties ?? {}).sort(), [
    'max_concurrent',
    'models',
    'timeout_secs',
  ]);
  assert.ok(document.components.securitySchemes['adminBearer'] !== undefined);
});
