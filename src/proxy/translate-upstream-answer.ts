import type { CanonicalResponse } from '../canonical/canonical-response.ts';
import type { Converted } from '../canonical/conversion-warning.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { ClientAnswerWriter, ProtocolAdapter } from '../translation/protocol-adapter.ts';

/**
 * A provider's whole (non-streamed) answer -> the client's answer body, serialised, with what the two
 * conversions could not carry, and the canonical answer (its usage). Not JSON, or not an answer of the provider's protocol: a 502.
 */
export function translateUpstreamAnswer(
  upstreamAdapter: ProtocolAdapter,
  writer: ClientAnswerWriter,
  body: Buffer,
  nowSeconds: number,
  providerName: string,
): Converted<string> & { readonly response: CanonicalResponse } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new GatewayError('GW_ERR_UPSTREAM_ERROR', { message: `Provider '${providerName}' answered with invalid JSON.`, cause: error });
  }
  const canonical = upstreamAdapter.readUpstreamResponse(parsed, nowSeconds);
  const answer = writer.encodeResponse(canonical.value);
  return { value: JSON.stringify(answer.value), warnings: [...canonical.warnings, ...answer.warnings], response: canonical.value };
}
