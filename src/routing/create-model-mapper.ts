import { compileModelPattern, isModelPattern } from '../config/compile-model-pattern.ts';

/** Returns the upstream model name for a client model, or undefined when the provider does not serve it. */
export type ModelMapper = (model: string) => string | undefined;

/**
 * Compiles one provider's `model_mapping` once, so the hot path does a Map lookup and then at most one regex
 * test per pattern key. A key without pattern characters (`gpt-3.5-turbo`) is matched exactly only, never as a
 * regex (its `.` would match any character). Exact keys win; otherwise the first pattern key in the order
 * written that matches (anchored: `gpt-4` never matches `gpt-4o`). A missing or empty mapping serves every
 * model under its own name. Keys live in a Map, so `constructor` or `__proto__` never hit Object.prototype.
 */
export function createModelMapper(mapping: Readonly<Record<string, string>> | undefined): ModelMapper {
  const entries = Object.entries(mapping ?? {});
  if (entries.length === 0) {
    return (model) => model;
  }
  const exact = new Map<string, string>();
  const patterns: { readonly pattern: RegExp; readonly upstreamModel: string }[] = [];
  for (const [key, upstreamModel] of entries) {
    if (isModelPattern(key)) {
      patterns.push({ pattern: compileModelPattern(key), upstreamModel });
    } else {
      exact.set(key, upstreamModel);
    }
  }
  return (model) => {
    const exactMatch = exact.get(model);
    if (exactMatch !== undefined) {
      return exactMatch;
    }
    for (const { pattern, upstreamModel } of patterns) {
      if (pattern.test(model)) {
        return upstreamModel;
      }
    }
    return undefined;
  };
}
