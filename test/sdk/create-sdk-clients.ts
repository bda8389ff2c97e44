import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';

export interface SdkClients {
  readonly openai: OpenAI;
  readonly anthropic: Anthropic;
}

/**
 * Both official SDKs pointed at one server root (the gateway, or the fake upstream for a direct call), as a
 * user configures them: OpenAI with `<root>/v1`, Anthropic with the root. No retries, so a failure shows
 * as it happened.
 */
export function createSdkClients(rootUrl: string, apiKey: string): SdkClients {
  return {
    openai: new OpenAI({ baseURL: `${rootUrl}/v1`, apiKey, maxRetries: 0, timeout: 10_000 }),
    anthropic: new Anthropic({ baseURL: rootUrl, apiKey, maxRetries: 0, timeout: 10_000 }),
  };
}
