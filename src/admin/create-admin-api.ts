import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError } from '../errors/gateway-error.ts';
import type { RequestContext } from '../server/request-context.ts';
import { writeJsonResponse } from '../server/write-json-response.ts';
import type { AdminDependencies } from './admin-dependencies.ts';
import { createCredential, deleteCredential, getCredential, listCredentials, updateCredential } from './credential-admin-routes.ts';
import { probeProviderModels } from './probe-provider-models.ts';
import { type AdminAnswer, createProvider, deleteProvider, getProvider, listProviders, updateProvider } from './provider-admin-routes.ts';
import { readAdminBody } from './read-admin-body.ts';
import { createAdminKeyCheck } from './verify-admin-key.ts';
import { writeAdminError } from './write-admin-error.ts';

/** The Admin API as the HTTP server sees it: every request under `/admin/` goes here. */
export interface AdminApi {
  handle(request: IncomingMessage, response: ServerResponse, context: RequestContext): Promise<void>;
}

type Handler = (request: IncomingMessage, id: string) => Promise<AdminAnswer>;

/**
 * `/admin/v1/...` (docs/storage.md "Admin API"): its own scope with its own auth (ADMIN_KEY, constant time)
 * and error handler (write-admin-error.ts). Paths: providers, credentials (alias master-keys), config.
 */
export function createAdminApi(adminKey: string, dependencies: AdminDependencies): AdminApi {
  const isAdmin = createAdminKeyCheck(adminKey);
  const withBody =
    (handler: (dependencies: AdminDependencies, id: string, body: Record<string, unknown>) => Promise<AdminAnswer>): Handler =>
    async (request, id) =>
      handler(dependencies, id, await readAdminBody(request));
  const collections: Record<string, { list: Handler; create: Handler; get: Handler; update: Handler; remove: Handler }> = {
    providers: {
      list: () => listProviders(dependencies),
      create: async (request) => createProvider(dependencies, await readAdminBody(request)),
      get: (_request, id) => getProvider(dependencies, id),
      update: withBody(updateProvider),
      remove: (_request, id) => deleteProvider(dependencies, id),
    },
    credentials: {
      list: () => listCredentials(dependencies),
      create: async (request) => createCredential(dependencies, await readAdminBody(request)),
      get: (_request, id) => getCredential(dependencies, id),
      update: withBody(updateCredential),
      remove: (_request, id) => deleteCredential(dependencies, id),
    },
  };
  collections['master-keys'] = collections['credentials'] as (typeof collections)['credentials'];

  const route = (method: string, path: string): Handler => {
    const segments = path.split('/').slice(3); // ['', 'admin', 'v1', ...]
    if (!path.startsWith('/admin/v1/')) throw notFound(path);
    const [first, second, third, ...more] = segments;
    if (more.length > 0 || first === undefined) throw notFound(path);
    if (first === 'config' && third === undefined) {
      if (second === 'version') return allow(method, 'GET', () => readVersion(dependencies));
      if (second === 'reload') return allow(method, 'POST', () => reload(dependencies));
      throw notFound(path);
    }
    const collection = collections[first];
    if (collection === undefined) throw notFound(path);
    if (second === undefined || second === '') {
      if (method === 'GET') return collection.list;
      if (method === 'POST') return collection.create;
      throw methodNotAllowed(path, 'GET, POST');
    }
    const id = decodePathSegment(second);
    if (third === 'health' && first === 'providers')
      return allow(method, 'POST', async (request) => probeProviderModels(dependencies, id, await readAdminBody(request)));
    if (third !== undefined) throw notFound(path);
    if (method === 'GET') return (request) => collection.get(request, id);
    if (method === 'PUT' || method === 'PATCH') return (request) => collection.update(request, id);
    if (method === 'DELETE') return (request) => collection.remove(request, id);
    throw methodNotAllowed(path, 'GET, PUT, DELETE');
  };

  return {
    async handle(request, response, context) {
      try {
        if (!isAdmin(request.headers.authorization)) throw new GatewayError('GW_ERR_ADMIN_UNAUTHORIZED');
        context.keyName = 'admin';
        const url = request.url ?? '/';
        const queryStart = url.indexOf('?');
        const handler = route(request.method ?? 'GET', queryStart === -1 ? url : url.slice(0, queryStart));
        const answer = await handler(request, '');
        context.status = answer.status;
        writeJsonResponse(response, context, answer.status, answer.body, { 'cache-control': 'no-store' });
      } catch (error) {
        request.resume();
        writeAdminError(response, context, error, dependencies.logger);
      }
    },
  };
}

async function readVersion(dependencies: AdminDependencies): Promise<AdminAnswer> {
  const version = await dependencies.store.readVersion();
  return { status: 200, body: { version, applied_version: dependencies.appliedVersion(), config_hash: dependencies.configHash() } };
}

async function reload(dependencies: AdminDependencies): Promise<AdminAnswer> {
  const outcome = await dependencies.reloadNow(true);
  if (!outcome.applied) {
    throw new GatewayError('GW_ERR_INTERNAL', { message: `The stored config could not be applied; the running one is kept: ${outcome.problems.join('; ')}` });
  }
  return { status: 200, body: { reloaded: true, version: outcome.version, config_hash: dependencies.configHash() } };
}

function allow(method: string, allowed: 'GET' | 'POST', handler: Handler): Handler {
  if (method !== allowed) throw methodNotAllowed('this endpoint', allowed);
  return handler;
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new GatewayError('GW_ERR_INVALID_REQUEST', { message: 'The id in the path is not valid percent-encoding.' });
  }
}

function notFound(path: string): GatewayError {
  return new GatewayError('GW_ERR_NOT_FOUND', { message: `No such admin endpoint: ${path.slice(0, 200)}.` });
}

function methodNotAllowed(path: string, allowed: string): GatewayError {
  return new GatewayError('GW_ERR_METHOD_NOT_ALLOWED', { message: `${path.slice(0, 200)} accepts ${allowed}.` });
}
