/**
 * A path of the Anthropic API under a provider's api_base path: the base is the host
 * (`https://api.anthropic.com`, path ''), and one that already ends in `/v1` is accepted too.
 * `anthropicMessagesApiPath('', '/messages')` is `/v1/messages`.
 */
export function anthropicMessagesApiPath(basePath: string, path: string): string {
  return `${basePath.replace(/\/v1$/, '')}/v1${path}`;
}
