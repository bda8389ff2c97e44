import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticateRequest } from '../../auth/authenticate-request.ts';
import { isModelAllowed } from '../../auth/client-key.ts';
import type { GatewayServices } from '../gateway-services.ts';
import type { RequestContext } from '../request-context.ts';
import { writeJsonResponse } from '../write-json-response.ts';

/**
 * `GET /v1/models`: the configured model names the caller's key may use, in OpenAI's list format, or in
 * Anthropic's when the request carries `anthropic-version` (the Anthropic SDK's `models.list()` and its
 * errors: the same path serves both SDKs).
 * @see https://docs.anthropic.com/en/api/models-list
 */
export function handleModelsRequest(request: IncomingMessage, response: ServerResponse, context: RequestContext, services: GatewayServices): void {
  const anthropic = request.headers['anthropic-version'] !== undefined;
  if (anthropic) context.errorProtocol = 'anthropic-messages';
  const snapshot = services.currentSnapshot();
  const clientKey = authenticateRequest(request.headers, snapshot.keyStore);
  context.keyName = clientKey?.name;
  const models = snapshot.routingTable.listModels().filter((model) => clientKey === undefined || isModelAllowed(clientKey, model));
  context.status = 200;
  if (anthropic) {
    writeJsonResponse(response, context, 200, {
      data: models.map((id) => ({ type: 'model', id, display_name: id, created_at: '1970-01-01T00:00:00Z' })),
      has_more: false,
      first_id: models[0] ?? null,
      last_id: models.at(-1) ?? null,
    });
    return;
  }
  writeJsonResponse(response, context, 200, {
    object: 'list',
    data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'llm-proxy' })),
  });
}
