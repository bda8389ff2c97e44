import type { CanonicalRequest } from '../canonical/canonical-request.ts';
import type { ConversionWarning } from '../canonical/conversion-warning.ts';
import type { AnswerContext, ClientAnswerWriter, ProtocolAdapter } from '../translation/protocol-adapter.ts';

/** A client request made ready for a provider of another protocol. */
export interface TranslatedClientRequest {
  /** The upstream body, serialised. */
  readonly body: string;
  readonly stream: boolean;
  readonly writer: ClientAnswerWriter;
  /** The request in canonical form as sent (the prompt the tokenizer counts when the provider reports no usage). */
  readonly request: CanonicalRequest;
  /** What could not be carried across, from both conversions. */
  readonly warnings: readonly ConversionWarning[];
}

export interface TranslationTarget {
  readonly upstreamModel: string;
  /** Injected before the request's own system prompt (proxy.enable_system_prompt). */
  readonly systemPrompt: string | undefined;
  /** The provider's `max_output_tokens`. */
  readonly maxOutputTokens: number | undefined;
}

/**
 * Client body -> canonical (the client's adapter) -> the upstream model, the injected system prompt and
 * the provider's output cap applied -> the provider's body (its adapter). Pure: no I/O.
 */
export function translateClientRequest(
  clientAdapter: ProtocolAdapter,
  upstreamAdapter: ProtocolAdapter,
  body: Record<string, unknown>,
  answerContext: AnswerContext,
  target: TranslationTarget,
): TranslatedClientRequest {
  const ingress = clientAdapter.translateRequest(body, answerContext);
  const request = ingress.request.value;
  const warnings = [...ingress.request.warnings];
  const canonical: CanonicalRequest = {
    ...request,
    model: target.upstreamModel,
    system: target.systemPrompt === undefined ? request.system : [{ type: 'text', text: target.systemPrompt }, ...request.system],
    ...capOutputTokens(request.maxOutputTokens, target.maxOutputTokens, warnings),
  };
  const upstreamRequest = upstreamAdapter.buildUpstreamRequest(canonical);
  warnings.push(...upstreamRequest.warnings);
  return { body: JSON.stringify(upstreamRequest.value), stream: canonical.stream, writer: ingress.writer, request: canonical, warnings };
}

/** A provider's `max_output_tokens` lowers a larger cap, with a warning. */
function capOutputTokens(requested: number | undefined, limit: number | undefined, warnings: ConversionWarning[]): { maxOutputTokens?: number } {
  if (limit === undefined || requested === undefined || requested <= limit) return {};
  warnings.push({ type: 'adjusted', feature: 'max_tokens', detail: `${requested} lowered to the provider's max_output_tokens ${limit}` });
  return { maxOutputTokens: limit };
}
