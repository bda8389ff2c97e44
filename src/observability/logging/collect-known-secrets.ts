import type { GatewayConfig } from '../../config/gateway-config-schema.ts';

/** Environment variables that hold secrets the gateway knows of (masked by value in logs and the journal). */
const secretVariables = ['LANGFUSE_SECRET_KEY', 'ADMIN_KEY', 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY'];

/** The configured client keys and provider keys, and the secrets among the environment variables. */
export function collectKnownSecrets(config: GatewayConfig, env: Readonly<Record<string, string | undefined>>): string[] {
  return [
    ...config.master_keys.flatMap((masterKey) => masterKey.key ?? []),
    ...config.providers.flatMap((provider) => provider.api_key ?? []),
    ...secretVariables.flatMap((name) => env[name] ?? []),
  ];
}
