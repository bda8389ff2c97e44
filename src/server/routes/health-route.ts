import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayServices } from '../gateway-services.ts';
import type { RequestContext } from '../request-context.ts';
import { writeJsonResponse } from '../write-json-response.ts';

/** `GET /health`: the process is up and serving. */
export function handleHealthRequest(_request: IncomingMessage, response: ServerResponse, context: RequestContext): void {
  context.status = 200;
  writeJsonResponse(response, context, 200, { status: 'ok' });
}

/**
 * `GET /health/detailed`: each configured provider with what the gateway last saw of it. Carries no keys
 * and no upstream bodies. `in_cooldown`: skipped by routing after a failure (docs/routing.md).
 */
export function handleDetailedHealthRequest(_request: IncomingMessage, response: ServerResponse, context: RequestContext, services: GatewayServices): void {
  const snapshot = services.currentSnapshot();
  const providers = snapshot.config.providers.map((provider) => {
    const record = services.providerHealth.get(provider.name);
    return {
      name: provider.name,
      type: provider.type,
      enabled: provider.enabled,
      priority: provider.priority,
      weight: provider.weight,
      in_cooldown: services.cooldowns.isCoolingDown(provider.name),
      last_check: describeCheck(services.healthChecker.lastResult(provider.name)),
      last_success_at: record?.lastSuccessAtMs === undefined ? null : new Date(record.lastSuccessAtMs).toISOString(),
      last_error:
        record?.lastError === undefined
          ? null
          : { message: record.lastError.message, status: record.lastError.status ?? null, at: new Date(record.lastError.atMs).toISOString() },
    };
  });
  const enabled = providers.filter((provider) => provider.enabled).length;
  context.status = 200;
  writeJsonResponse(response, context, 200, { status: enabled > 0 ? 'ok' : 'degraded', config_version: snapshot.version, providers });
}

/** The last active health check, when any ran (`health_checks`). */
function describeCheck(result: ReturnType<GatewayServices['healthChecker']['lastResult']>): Record<string, unknown> | null {
  if (result === undefined) return null;
  return { ok: result.ok, detail: result.detail, latency_ms: result.latencyMs, at: new Date(result.atMs).toISOString() };
}
