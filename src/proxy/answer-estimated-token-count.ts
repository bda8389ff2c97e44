import type { ServerResponse } from 'node:http';
import type { RequestContext } from '../server/request-context.ts';
import { writeJsonResponse } from '../server/write-json-response.ts';
import { estimateRequestTokens, loadTokenCounter } from '../tokens/estimate-request-tokens.ts';
import type { ProtocolAdapter } from '../translation/protocol-adapter.ts';

/**
 * `/v1/messages/count_tokens` for a model whose provider has no such endpoint (OpenAI's APIs): the count
 * is estimated here (estimate-request-tokens.ts) and said so in `x-llm-proxy-token-count: estimated`.
 * The body is checked like a Messages request (a 400 naming the field); `max_tokens`, which
 * count_tokens does not take, is not needed.
 */
export function answerEstimatedTokenCount(
  adapter: ProtocolAdapter,
  body: Record<string, unknown>,
  systemPrompt: string | undefined,
  response: ServerResponse,
  context: RequestContext,
  fail: (error: unknown) => void,
): void {
  const translation = adapter.translateRequest({ max_tokens: 1, ...body }, { requestId: context.requestId, model: '', nowSeconds: 0 });
  const request = translation.request.value;
  const system = systemPrompt === undefined ? request.system : [{ type: 'text' as const, text: systemPrompt }, ...request.system];
  loadTokenCounter()
    .then((countText) => {
      const inputTokens = estimateRequestTokens({ ...request, system }, countText);
      context.status = 200;
      writeJsonResponse(response, context, 200, { input_tokens: inputTokens }, { 'x-llm-proxy-token-count': 'estimated' });
    })
    .catch(fail);
}
