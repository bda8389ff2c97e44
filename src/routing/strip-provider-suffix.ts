/**
 * `provider_suffix: Proxy` lets clients that insist on a `vendor/model` name send `Proxy/gpt-4`; the gateway
 * routes it as `gpt-4`. Other prefixes (`Other/gpt-4`) are part of the model name and stay. A name that would
 * become empty (`Proxy/`) is left as sent.
 */
export function stripProviderSuffix(model: string, providerSuffix: string | undefined): string {
  if (providerSuffix === undefined) {
    return model;
  }
  const prefix = `${providerSuffix}/`;
  return model.length > prefix.length && model.startsWith(prefix) ? model.slice(prefix.length) : model;
}
