import { type GatewayConfig, gatewayConfigSchema } from '../../src/config/gateway-config-schema.ts';

/** Validated as startTestGateway does it, so reload gets the same kind of config the gateway started with. */
export function parseTestConfig(raw: Record<string, unknown>): GatewayConfig {
  return gatewayConfigSchema.parse({ ...raw, server: { host: '127.0.0.1', port: 0, ...(raw['server'] as object | undefined) }, logging: { level: 'debug' } });
}
