import type { ConfigSource } from './load-config.ts';

interface DefaultConfig {
  /** An unvalidated config document; load-config applies the environment table and the schema to it. */
  document: Record<string, unknown>;
  source: ConfigSource;
  /** One line for the start-up log: what is running and how to add real providers. */
  notice: string;
}

const howToAddProviders = 'To add real providers, copy config.example.yaml to config.yaml and edit it, or pass --config FILE (or set CONFIG_PATH).';

/**
 * The config used when there is no config file (docs/interface.md, "Start"): providers `openai` and/or
 * `anthropic` when OPENAI_API_KEY / ANTHROPIC_API_KEY are set, otherwise a demo whose only provider is the
 * built-in `mock` type, reachable as model `mock-model`, so a fresh clone answers requests at once.
 */
export function buildDefaultConfig(env: Readonly<Record<string, string | undefined>>, missingPath: string): DefaultConfig {
  const providers: Record<string, unknown>[] = [];
  const openaiKey = env['OPENAI_API_KEY'];
  if (openaiKey !== undefined && openaiKey !== '') {
    providers.push({
      name: 'openai',
      type: 'openai',
      api_base: nonEmpty(env['OPENAI_BASE_URL']) ?? 'https://api.openai.com/v1',
      api_key: openaiKey,
    });
  }
  const anthropicKey = env['ANTHROPIC_API_KEY'];
  if (anthropicKey !== undefined && anthropicKey !== '') {
    providers.push({
      name: 'anthropic',
      type: 'anthropic',
      api_base: nonEmpty(env['ANTHROPIC_BASE_URL']) ?? 'https://api.anthropic.com',
      api_key: anthropicKey,
    });
  }

  if (providers.length > 0) {
    const providerNames = providers.map((provider) => String(provider['name']));
    const variables = providerNames.map((name) => `${name.toUpperCase()}_API_KEY`).join(' and ');
    return {
      document: { providers },
      source: { kind: 'environment', providerNames },
      notice: `No config file at ${missingPath}; using provider${providerNames.length > 1 ? 's' : ''} ${providerNames.join(' and ')} from ${variables}. ${howToAddProviders}`,
    };
  }
  return {
    document: {
      providers: [{ name: 'mock', type: 'mock' }],
      models: { 'mock-model': { routes: [{ provider: 'mock', model: 'mock-model' }] } },
    },
    source: { kind: 'demo' },
    notice: `No config file at ${missingPath} and no OPENAI_API_KEY or ANTHROPIC_API_KEY; running the built-in demo config (provider "mock", model "mock-model", canned replies). ${howToAddProviders}`,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
