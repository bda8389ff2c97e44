/** The client key every bench target is configured with (write-gateway-config.ts) and every load generator sends. */
export const benchApiKey = 'sk-bench-key';
