import type { CanonicalUsage } from '../../canonical/canonical-usage.ts';
import { totalTokens } from '../../canonical/total-tokens.ts';
import type { CounterCell, LabeledCounter } from './labeled-counter.ts';
import type { HistogramCell, LabeledHistogram } from './labeled-histogram.ts';

/** The families the per-request cells belong to (create-gateway-metrics.ts). */
export interface RequestMetricFamilies {
  readonly requestsTotal: LabeledCounter<'method' | 'endpoint' | 'model' | 'provider' | 'status_code'>;
  readonly requestDurationSeconds: LabeledHistogram<'endpoint' | 'model' | 'provider'>;
  readonly tokensTotal: LabeledCounter<'model' | 'provider' | 'token_type'>;
  readonly timeToFirstTokenSeconds: LabeledHistogram<'model' | 'provider'>;
  readonly protocolRequestsTotal: LabeledCounter<'ingress' | 'upstream' | 'mode'>;
}

/** The five token counters of one model and provider. */
interface TokenCells {
  readonly prompt: CounterCell;
  readonly completion: CounterCell;
  readonly total: CounterCell;
  readonly cached: CounterCell;
  readonly reasoning: CounterCell;
}

/**
 * Every cell one kind of request (method, endpoint, model label, provider) adds to, looked up once: a
 * request then costs four Map lookups of its strings here, plus small Maps for its status and its
 * protocol pair, instead of a label hashing per metric.
 */
export class RequestCells {
  readonly #families: RequestMetricFamilies;
  readonly #method: string;
  readonly #endpoint: string;
  readonly #model: string;
  readonly #provider: string;
  readonly #byStatus = new Map<number, CounterCell>();
  /** By ingress, upstream protocol and mode. */
  readonly #byProtocol = new Map<string, Map<string, Map<string, CounterCell>>>();
  readonly duration: HistogramCell;
  #timeToFirstToken: HistogramCell | undefined;
  #tokens: TokenCells | undefined;

  constructor(families: RequestMetricFamilies, method: string, endpoint: string, model: string, provider: string) {
    this.#families = families;
    this.#method = method;
    this.#endpoint = endpoint;
    this.#model = model;
    this.#provider = provider;
    this.duration = families.requestDurationSeconds.cell({ endpoint, model, provider });
  }

  countRequest(status: number): void {
    let cell = this.#byStatus.get(status);
    if (cell === undefined) {
      cell = this.#families.requestsTotal.cell({
        method: this.#method,
        endpoint: this.#endpoint,
        model: this.#model,
        provider: this.#provider,
        status_code: status,
      });
      this.#byStatus.set(status, cell);
    }
    cell.value += 1;
  }

  observeTimeToFirstToken(seconds: number): void {
    this.#timeToFirstToken ??= this.#families.timeToFirstTokenSeconds.cell({ model: this.#model, provider: this.#provider });
    this.#timeToFirstToken.observe(seconds);
  }

  countProtocolPair(ingress: string, upstream: string, mode: 'pass-through' | 'translated'): void {
    // Maps of the three strings rather than one key built per request (a concatenation, its flattening and
    // hashing, and a character-wise compare with the stored key).
    const byMode = child(child(this.#byProtocol, ingress), upstream);
    let cell = byMode.get(mode);
    if (cell === undefined) {
      cell = this.#families.protocolRequestsTotal.cell({ ingress, upstream, mode });
      byMode.set(mode, cell);
    }
    cell.value += 1;
  }

  countTokens(usage: CanonicalUsage): void {
    this.#tokens ??= this.#tokenCells();
    const tokens = this.#tokens;
    tokens.prompt.value += usage.inputTokens ?? 0;
    tokens.completion.value += usage.outputTokens ?? 0;
    tokens.total.value += totalTokens(usage);
    if (usage.cachedInputTokens !== undefined) tokens.cached.value += usage.cachedInputTokens;
    if (usage.reasoningTokens !== undefined) tokens.reasoning.value += usage.reasoningTokens;
  }

  #tokenCells(): TokenCells {
    const counter = this.#families.tokensTotal;
    const model = this.#model;
    const provider = this.#provider;
    return {
      prompt: counter.cell({ model, provider, token_type: 'prompt_tokens' }),
      completion: counter.cell({ model, provider, token_type: 'completion_tokens' }),
      total: counter.cell({ model, provider, token_type: 'total_tokens' }),
      cached: counter.cell({ model, provider, token_type: 'cached_tokens' }),
      reasoning: counter.cell({ model, provider, token_type: 'reasoning_tokens' }),
    };
  }
}

/**
 * The `RequestCells` of each kind of request seen. Label values are bounded (configured model names,
 * `other`, `none`; provider names; endpoints and methods the server routes), so this map is too.
 */
export class RequestMetricCells {
  readonly #families: RequestMetricFamilies;
  /** By method, endpoint, model label and provider: nested maps of the strings, no key built per request. */
  readonly #cells = new Map<string, Map<string, Map<string, Map<string, RequestCells>>>>();

  constructor(families: RequestMetricFamilies) {
    this.#families = families;
  }

  of(method: string, endpoint: string, model: string, provider: string): RequestCells {
    const byProvider = child(child(child(this.#cells, method), endpoint), model);
    let cells = byProvider.get(provider);
    if (cells === undefined) {
      cells = new RequestCells(this.#families, method, endpoint, model, provider);
      byProvider.set(provider, cells);
    }
    return cells;
  }
}

/** The map under `key`, created when missing. */
function child<Value>(map: Map<string, Map<string, Value>>, key: string): Map<string, Value> {
  let found = map.get(key);
  if (found === undefined) {
    found = new Map();
    map.set(key, found);
  }
  return found;
}
