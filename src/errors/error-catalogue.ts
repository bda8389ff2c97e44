/**
 * Every error the gateway itself answers with. Codes are stable and never reused (docs/errors.md has one
 * entry per code); each protocol maps every code to its own body shape (to-<protocol>-error-body.ts).
 */
export const errorCatalogue = {
  GW_ERR_INVALID_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  GW_ERR_INVALID_REQUEST: { status: 400, message: 'The request body is invalid.' },
  GW_ERR_MISSING_API_KEY: { status: 401, message: 'No API key was given: send Authorization: Bearer <key> or x-api-key.' },
  GW_ERR_INVALID_API_KEY: { status: 401, message: 'The API key is not valid.' },
  GW_ERR_KEY_DISABLED: { status: 403, message: 'The API key is disabled.' },
  GW_ERR_MODEL_NOT_ALLOWED: { status: 403, message: 'The API key may not use this model.' },
  GW_ERR_NOT_FOUND: { status: 404, message: 'No such endpoint.' },
  GW_ERR_MODEL_NOT_FOUND: { status: 404, message: 'No provider serves this model.' },
  GW_ERR_METHOD_NOT_ALLOWED: { status: 405, message: 'This method is not allowed on this endpoint.' },
  GW_ERR_BODY_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  GW_ERR_RATE_LIMITED: { status: 429, message: 'Rate limit exceeded.' },
  GW_ERR_INTERNAL: { status: 500, message: 'The gateway failed to handle the request.' },
  GW_ERR_UPSTREAM_ERROR: { status: 502, message: 'The upstream provider answered with an error.' },
  GW_ERR_UPSTREAM_CONNECTION: { status: 502, message: 'The upstream provider could not be reached.' },
  GW_ERR_UNSUPPORTED_PROVIDER_PROTOCOL: { status: 501, message: 'This endpoint cannot reach this provider type yet.' },
  GW_ERR_UPSTREAM_TIMEOUT: { status: 504, message: 'The upstream provider did not answer in time.' },
  GW_ERR_UPSTREAM_UNAVAILABLE: { status: 503, message: 'Every provider of this model is rate limited or overloaded.' },
  GW_ERR_GATEWAY_BUSY: { status: 503, message: 'The gateway is at its concurrency limit.' },
  GW_ERR_ADMIN_UNAUTHORIZED: { status: 401, message: 'The admin key is missing or wrong: send Authorization: Bearer <ADMIN_KEY>.' },
  GW_ERR_RESOURCE_NOT_FOUND: { status: 404, message: 'No such resource.' },
  GW_ERR_CONFLICT: { status: 409, message: 'A resource with this id or name already exists.' },
  GW_ERR_STORE_UNAVAILABLE: { status: 503, message: 'The config store could not be reached.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type GatewayErrorCode = keyof typeof errorCatalogue;

export const gatewayErrorCodes = Object.keys(errorCatalogue) as GatewayErrorCode[];
