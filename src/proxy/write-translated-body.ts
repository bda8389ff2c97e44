import type { ServerResponse } from 'node:http';
import type { CanonicalResponse } from '../canonical/canonical-response.ts';
import type { ConversionWarning } from '../canonical/conversion-warning.ts';
import type { RequestObservers } from '../observability/request-observers.ts';
import type { RequestContext } from '../server/request-context.ts';
import { collectAnswerText } from '../tokens/estimate-usage.ts';
import type { ClientAnswerWriter, ProtocolAdapter } from '../translation/protocol-adapter.ts';
import type { AnswerUsageSource } from './answer-usage-source.ts';
import { buildGatewayHeaders, type GatewayAnswerHeaders } from './build-client-headers.ts';
import { formatConversionWarnings } from './format-conversion-warnings.ts';
import { translateUpstreamAnswer } from './translate-upstream-answer.ts';

export interface TranslatedBodyParts {
  readonly upstreamAdapter: ProtocolAdapter;
  readonly writer: ClientAnswerWriter;
  readonly nowSeconds: number;
  readonly headers: GatewayAnswerHeaders;
  /** What the request's translation dropped or adjusted: the answer's warnings join them in the header. */
  readonly requestWarnings: readonly ConversionWarning[];
}

/**
 * A whole upstream answer, converted to the client's protocol and sent: its head is written after the
 * conversion, so that the answer's own warnings join the request's in `x-llm-proxy-warnings`. Returns the
 * answer's usage (already read by the provider's converter) and its warnings; throws when the upstream
 * body cannot be read.
 */
export function writeTranslatedBody(
  body: Buffer,
  parts: TranslatedBodyParts,
  response: ServerResponse,
  context: RequestContext,
  observers: RequestObservers,
): { readonly usage: AnswerUsageSource; readonly warnings: readonly ConversionWarning[] } {
  const answer = translateUpstreamAnswer(parts.upstreamAdapter, parts.writer, body, parts.nowSeconds, parts.headers.providerName);
  const headers = buildGatewayHeaders('application/json', {
    ...parts.headers,
    warnings: formatConversionWarnings([...parts.requestWarnings, ...answer.warnings]),
  });
  headers['content-length'] = String(Buffer.byteLength(answer.value));
  response.writeHead(context.status, headers);
  observers.responseStarted(context, context.status);
  response.end(answer.value);
  if (observers.wantsChunks) observers.clientChunk(context, answer.value);
  return { usage: wholeAnswerUsage(answer.response), warnings: answer.warnings };
}

/** A whole translated answer's usage, already read by the provider's converter. */
function wholeAnswerUsage(response: CanonicalResponse): AnswerUsageSource {
  const known = response.usage.inputTokens !== undefined || response.usage.outputTokens !== undefined;
  return { providerUsage: () => (known ? response.usage : undefined), answerText: () => collectAnswerText(response.content) };
}
