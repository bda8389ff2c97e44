import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticateRequest } from '../../auth/authenticate-request.ts';
import { isModelAllowed } from '../../auth/client-key.ts';
import type { GatewayServices } from '../gateway-services.ts';
import type { RequestContext } from '../request-context.ts';
import { writeJsonResponse } from '../write-json-response.ts';

/** `GET /v1/models` in OpenAI's list format: the configured model names the caller's key may use. */
export function handleModelsRequest(request: IncomingMessage, response: ServerResponse, context: RequestContext, services: GatewayServices): void {
  const snapshot = services.currentSnapshot();
  const clientKey = authenticateRequest(request.headers, snapshot.keyStore);
  context.keyName = clientKey?.name;
  const models = snapshot.routingTable.listModels().filter((model) => clientKey === undefined || isModelAllowed(clientKey, model));
  context.status = 200;
  writeJsonResponse(response, context, 200, {
    object: 'list',
    data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'llm-proxy' })),
  });
}
