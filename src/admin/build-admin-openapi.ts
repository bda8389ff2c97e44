import { z } from 'zod';
import { masterKeyConfigSchema, providerConfigSchema } from '../config/gateway-config-schema.ts';
import { providerHealthBodySchema } from './probe-provider-models.ts';

/** Config key -> Admin API field (provider-admin-routes.ts, credential-admin-routes.ts). */
const providerFieldNames: Readonly<Record<string, string>> = { name: 'id', type: 'provider_type', enabled: 'is_enabled' };

/**
 * The Admin API's part of /openapi.json (docs/storage.md "Admin API"), its bodies generated from the same
 * schemas that check them: the config's provider and key schemas under the Admin API's field names.
 */
export function buildAdminOpenAPI(): { paths: Record<string, unknown>; schemas: Record<string, unknown> } {
  const providerBody = z.strictObject(
    Object.fromEntries(Object.entries(providerConfigSchema.shape).map(([key, schema]) => [providerFieldNames[key] ?? key, schema])),
  );
  // The fields credential-admin-routes.ts accepts.
  const keyShape = masterKeyConfigSchema.shape;
  const credentialBody = z.strictObject({
    key: keyShape.key.describe('generated when absent; shown once'),
    name: keyShape.name,
    allowed_models: keyShape.allowed_models,
    rate_limit: keyShape.rate_limit,
    tokens_per_minute: keyShape.tokens_per_minute,
    is_enabled: keyShape.enabled,
  });
  const generated = z.toJSONSchema(
    z.object({
      provider: providerBody.meta({ id: 'AdminProvider' }),
      credential: credentialBody.meta({ id: 'AdminCredential' }),
      health: providerHealthBodySchema.meta({ id: 'AdminProviderHealthRequest' }),
    }),
    { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' },
  ) as { $defs?: Record<string, unknown>; definitions?: Record<string, unknown> };
  const error = {
    description: 'An error in OpenAI format; field problems in error.errors',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  const body = (schemaId: string) => ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schemaId}` } } } });
  const security = [{ adminBearer: [] }];
  const answer = (description: string) => ({ description });
  const errors = { '400': error, '401': error, '404': error, '409': error, '503': error };
  const collection = (name: string, schemaId: string) => ({
    [`/admin/v1/${name}`]: {
      get: { summary: `List ${name}`, security, responses: { '200': answer(`{"object":"list","data":[...],"version"}`), '401': error } },
      post: {
        summary: `Create a ${name.slice(0, -1)}`,
        security,
        requestBody: body(schemaId),
        responses: { '201': answer('The created entry and the new version'), ...errors },
      },
    },
    [`/admin/v1/${name}/{id}`]: {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      get: { summary: `One ${name.slice(0, -1)}`, security, responses: { '200': answer('The entry, secrets masked'), ...errors } },
      put: {
        summary: 'Update: the fields given replace the stored ones',
        security,
        requestBody: body(schemaId),
        responses: { '200': answer('The entry and the new version'), ...errors },
      },
      delete: { summary: 'Delete', security, responses: { '200': answer('{"id","deleted":true,"version"}'), ...errors } },
    },
  });
  return {
    paths: {
      ...collection('providers', 'AdminProvider'),
      ...collection('credentials', 'AdminCredential'),
      '/admin/v1/providers/{id}/health': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        post: {
          summary: 'Probe each model with a one-token request',
          security,
          requestBody: body('AdminProviderHealthRequest'),
          responses: { '200': answer('Status and latency per model'), ...errors },
        },
      },
      '/admin/v1/config/reload': {
        post: {
          summary: 'Re-read the store and apply it now',
          security,
          responses: { '200': answer('{"reloaded":true,"version","config_hash"}'), '401': error, '500': error },
        },
      },
      '/admin/v1/config/version': {
        get: {
          summary: "The store's version and this instance's",
          security,
          responses: { '200': answer('{"version","applied_version","config_hash"}'), '401': error },
        },
      },
    },
    schemas: { ...(generated.$defs ?? generated.definitions ?? {}) },
  };
}
