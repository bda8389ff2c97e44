import type { ConversionWarning } from '../canonical/conversion-warning.ts';

/** Header values stay short: the full list is in the debug log. */
const maxHeaderLength = 1_000;

/**
 * The `x-llm-proxy-warnings` value: `dropped top_k; adjusted temperature` (kind and field, comma-free),
 * printable ASCII only so that any field name a client invents is a safe header value; undefined when
 * nothing was lost.
 */
export function formatConversionWarnings(warnings: readonly ConversionWarning[]): string | undefined {
  if (warnings.length === 0) return undefined;
  const text = warnings
    .map((warning) => `${warning.type} ${warning.feature}`)
    .join('; ')
    .replace(/[^\x20-\x7e]/g, '?');
  return text.length > maxHeaderLength ? `${text.slice(0, maxHeaderLength)}...` : text;
}
