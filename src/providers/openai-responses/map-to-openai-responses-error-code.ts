/** The codes a Response's `error.code` may take (openai SDK `ResponseError['code']`). */
const responseErrorCodes: ReadonlySet<string> = new Set([
  'server_error',
  'rate_limit_exceeded',
  'invalid_prompt',
  'vector_store_timeout',
  'invalid_image',
  'invalid_image_format',
  'invalid_base64_image',
  'invalid_image_url',
  'image_too_large',
  'image_too_small',
  'image_parse_error',
  'image_content_policy_violation',
  'invalid_image_mode',
  'image_file_too_large',
  'unsupported_image_media_type',
  'empty_image_file',
  'failed_to_download_image',
  'image_file_not_found',
]);

/**
 * An error type from any protocol (`overloaded_error`, `rate_limit_error`, a gateway code, …) -> the
 * `response.error.code` of a failed Response, whose type is a closed enum: Responses codes pass through,
 * rate limits become `rate_limit_exceeded` (Codex retries those), everything else `server_error`.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-error
 */
export function mapToOpenAIResponsesErrorCode(errorType: string): string {
  if (responseErrorCodes.has(errorType)) return errorType;
  if (/rate_limit|rate_limited/i.test(errorType)) return 'rate_limit_exceeded';
  return 'server_error';
}
