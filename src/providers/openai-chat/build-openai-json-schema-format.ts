import type { CanonicalResponseFormat } from '../../canonical/canonical-request.ts';
import type { ConversionWarning } from '../../canonical/conversion-warning.ts';

/** The JSON-schema format both OpenAI protocols send (Chat nests it in `json_schema`, Responses flattens it). */
export interface OpenAIJsonSchemaFormat {
  name: string;
  description?: string;
  schema: Readonly<Record<string, unknown>>;
  strict?: boolean;
}

/**
 * OpenAI requires a schema name; the other protocols may not give one, so it becomes "response" with a warning.
 * @see https://platform.openai.com/docs/guides/structured-outputs
 */
export function buildOpenAIJsonSchemaFormat(
  format: Extract<CanonicalResponseFormat, { type: 'json-schema' }>,
  warnings: ConversionWarning[],
): OpenAIJsonSchemaFormat {
  if (format.name === undefined) warnings.push({ type: 'adjusted', feature: 'json_schema.name', detail: 'named "response"' });
  const built: OpenAIJsonSchemaFormat = { name: format.name ?? 'response', schema: format.schema };
  if (format.description !== undefined) built.description = format.description;
  if (format.strict !== undefined) built.strict = format.strict;
  return built;
}
