import { isModelPattern } from '../config/compile-model-pattern.ts';
import type { GatewayConfig, ProviderConfig } from '../config/gateway-config-schema.ts';
import { buildAttemptOrders } from './build-attempt-orders.ts';
import { createBoundedCache } from './create-bounded-cache.ts';
import type { ModelMapper } from './create-model-mapper.ts';
import { createModelMapper } from './create-model-mapper.ts';
import type { SmoothWeightedRotation } from './create-smooth-weighted-rotation.ts';
import { createSmoothWeightedRotation } from './create-smooth-weighted-rotation.ts';
import type { RoutePlan, RouteTarget } from './route-target.ts';
import { stripProviderSuffix } from './strip-provider-suffix.ts';

/** The routing snapshot of one config version. Build it once per version; call planRoute per request. */
export interface RoutingTable {
  /** The attempt plan for a client model name; undefined when no enabled provider serves it (404). */
  planRoute(requestedModel: string): RoutePlan | undefined;
  /**
   * Client-facing names for GET /v1/models, sorted: aliases with at least one enabled route, plus the exact
   * (non-pattern) model_mapping keys of enabled providers. Pattern keys and pass-through providers serve
   * open-ended sets of names, which cannot be listed.
   */
  listModels(): readonly string[];
}

/** Requested names whose resolution is kept; further names evict the oldest (see create-bounded-cache.ts). */
const resolutionCacheLimit = 1024;
/**
 * Longer names are resolved on every request and never cached: real model names are far shorter, and the
 * cache must not let a client pin 1024 multi-megabyte strings in memory.
 */
const longestCachedName = 256;

/** A target plus what identifies it for rotation sharing. */
interface Candidate {
  readonly target: RouteTarget;
  readonly priority: number;
  readonly weight: number;
  /**
   * Provider, upstream model and weight, as JSON. For a pass-through provider (no model_mapping) the upstream
   * model is the client's own name, so it is left out (null): otherwise every unknown name a client invents
   * would create a new rotation. Every member therefore comes from the config, which bounds the rotations.
   */
  readonly rotationMember: string;
}

/** Everything planRoute needs for one requested name; no regex work left. */
interface ModelResolution {
  /** plansByPick[i] is the plan when the rotation picks first-tier member i. Empty = no route. */
  readonly plansByPick: readonly RoutePlan[];
  /** Undefined when the first tier has a single member. */
  readonly rotation: SmoothWeightedRotation | undefined;
}

interface CompiledProvider {
  readonly provider: ProviderConfig;
  readonly mapModel: ModelMapper;
  readonly passesThrough: boolean;
}

const noRoute: ModelResolution = Object.freeze({ plansByPick: Object.freeze([]), rotation: undefined });

/** Test-only view of a table's internal sizes; see inspectRoutingTable. */
interface RoutingTableInternals {
  readonly cachedResolutions: () => number;
  readonly rotations: () => number;
  /** The rotations by first-tier membership, for the table of the next config version to carry on. */
  readonly rotationsByMembers: ReadonlyMap<string, SmoothWeightedRotation>;
}
const internalsByTable = new WeakMap<RoutingTable, RoutingTableInternals>();

/**
 * Compiles a config into a routing table: patterns are compiled, aliases resolved against enabled providers
 * and the model list computed here, once. The config is only read; RouteTarget.provider is the config's own
 * provider object. The only state that changes afterwards is the rotations and the resolution cache.
 * Rotation state is keyed by the first tier's membership, so every model served by the same providers (same
 * upstream models and weights) shares one rotation and the weights hold across all of them.
 */
export function buildRoutingTable(config: GatewayConfig, previous?: RoutingTable): RoutingTable {
  const enabledProviders: readonly CompiledProvider[] = config.providers
    .filter((provider) => provider.enabled)
    .map((provider) => ({
      provider,
      mapModel: createModelMapper(provider.model_mapping),
      passesThrough: Object.keys(provider.model_mapping ?? {}).length === 0,
    }));
  const enabledByName = new Map(enabledProviders.map(({ provider }) => [provider.name, provider]));

  const aliases = new Map<string, readonly Candidate[]>();
  for (const [alias, aliasConfig] of Object.entries(config.models)) {
    const candidates: Candidate[] = [];
    for (const route of aliasConfig.routes) {
      const provider = enabledByName.get(route.provider);
      if (provider !== undefined) {
        candidates.push(createCandidate(provider, route.model, route.model, route.priority, route.weight));
      }
    }
    aliases.set(alias, candidates);
  }

  const rotations = new Map<string, SmoothWeightedRotation>();
  // A reload keeps the round-robin position of every first tier it did not change (same providers, models
  // and weights: the key says so), so a reload does not send the next requests back to the first member.
  // Copied, so the new table holds no reference to the old one; one not used in this version is dropped next time.
  const inherited = new Map(previous === undefined ? [] : (internalsByTable.get(previous)?.rotationsByMembers ?? []));
  const resolutions = createBoundedCache<string, ModelResolution>(resolutionCacheLimit);
  const models = Object.freeze(listServedModels(aliases, enabledProviders));

  function findMappedCandidates(model: string): Candidate[] {
    const candidates: Candidate[] = [];
    for (const { provider, mapModel, passesThrough } of enabledProviders) {
      const upstreamModel = mapModel(model);
      if (upstreamModel !== undefined) {
        const rotationModel = passesThrough ? null : upstreamModel;
        candidates.push(createCandidate(provider, upstreamModel, rotationModel, provider.priority, provider.weight));
      }
    }
    return candidates;
  }

  function findRotation(firstTier: readonly Candidate[]): SmoothWeightedRotation {
    const key = firstTier.map((candidate) => candidate.rotationMember).join('\n');
    let rotation = rotations.get(key);
    if (rotation === undefined) {
      rotation = inherited.get(key) ?? createSmoothWeightedRotation(firstTier.map((candidate) => candidate.weight));
      rotations.set(key, rotation);
    }
    return rotation;
  }

  function resolveModel(requestedModel: string): ModelResolution {
    const model = stripProviderSuffix(requestedModel, config.provider_suffix);
    const aliasCandidates = aliases.get(model);
    const alias = aliasCandidates === undefined ? undefined : model;
    const candidates = aliasCandidates ?? findMappedCandidates(model);
    if (candidates.length === 0) {
      return noRoute;
    }
    const { firstTier, attemptsByPick } = buildAttemptOrders(candidates);
    const plansByPick = attemptsByPick.map((attempts) =>
      Object.freeze({
        requestedModel,
        model,
        alias,
        attempts: Object.freeze(attempts.map((candidate) => candidate.target)),
      }),
    );
    return { plansByPick, rotation: firstTier.length > 1 ? findRotation(firstTier) : undefined };
  }

  const table: RoutingTable = {
    planRoute(requestedModel) {
      let resolution = resolutions.get(requestedModel);
      if (resolution === undefined) {
        resolution = resolveModel(requestedModel);
        if (requestedModel.length <= longestCachedName) {
          resolutions.set(requestedModel, resolution);
        }
      }
      const pick = resolution.rotation === undefined ? 0 : resolution.rotation.pickNext();
      return resolution.plansByPick[pick];
    },
    listModels: () => models,
  };
  internalsByTable.set(table, { cachedResolutions: () => resolutions.size, rotations: () => rotations.size, rotationsByMembers: rotations });
  return table;
}

/**
 * For tests only: how many resolutions are cached and how many rotations exist, to check that neither grows
 * with the number of distinct names clients send.
 */
export function inspectRoutingTable(table: RoutingTable): { readonly cachedResolutions: number; readonly rotations: number } {
  const internals = internalsByTable.get(table);
  if (internals === undefined) {
    throw new TypeError('not a table made by buildRoutingTable');
  }
  return { cachedResolutions: internals.cachedResolutions(), rotations: internals.rotations() };
}

function createCandidate(provider: ProviderConfig, upstreamModel: string, rotationModel: string | null, priority: number, weight: number): Candidate {
  const target: RouteTarget = Object.freeze({ provider, upstreamModel, priority, weight });
  return { target, priority, weight, rotationMember: JSON.stringify([provider.name, rotationModel, weight]) };
}

/** The names planRoute answers for and that can be listed; an alias shadows a mapping key of the same name. */
function listServedModels(aliases: ReadonlyMap<string, readonly Candidate[]>, enabledProviders: readonly CompiledProvider[]): string[] {
  const names = new Set<string>();
  for (const [alias, candidates] of aliases) {
    if (candidates.length > 0) {
      names.add(alias);
    }
  }
  for (const { provider } of enabledProviders) {
    for (const key of Object.keys(provider.model_mapping ?? {})) {
      if (!isModelPattern(key) && !aliases.has(key)) {
        names.add(key);
      }
    }
  }
  return [...names].sort();
}
