import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { buildOpenAPIDocument } from '../../openapi/build-openapi-document.ts';
import type { RequestContext } from '../request-context.ts';

const swaggerUiFolder = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** The Swagger UI assets served under /docs/, from the swagger-ui-dist package (no CDN: works offline). */
const swaggerAssets = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
} as const satisfies Record<string, string>;

const docsPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>llm-proxy API</title><link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui' });</script>
</body></html>`;

let openapiJson: string | undefined;

/** `GET /openapi.json`. */
export function handleOpenAPIRequest(_request: IncomingMessage, response: ServerResponse, context: RequestContext, version: string): void {
  openapiJson ??= JSON.stringify(buildOpenAPIDocument(version));
  context.status = 200;
  response.writeHead(200, { 'content-type': 'application/json', 'x-request-id': context.requestId });
  response.end(openapiJson);
}

/** `GET /docs` (the page) and `GET /docs/<asset>`. */
export function handleDocsRequest(request: IncomingMessage, response: ServerResponse, context: RequestContext): boolean {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  if (path === '/docs' || path === '/docs/') {
    context.status = 200;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-request-id': context.requestId });
    response.end(docsPage);
    return true;
  }
  const asset = path.slice('/docs/'.length);
  if (!Object.hasOwn(swaggerAssets, asset)) return false;
  context.status = 200;
  response.writeHead(200, {
    'content-type': swaggerAssets[asset as keyof typeof swaggerAssets],
    'cache-control': 'public, max-age=86400',
    'x-request-id': context.requestId,
  });
  response.end(readFileSync(join(swaggerUiFolder, asset)));
  return true;
}
