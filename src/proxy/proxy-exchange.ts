import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { type ClientKey, isModelAllowed } from '../auth/client-key.ts';
import type { ConversionWarning } from '../canonical/conversion-warning.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { GatewaySnapshot } from '../gateway/gateway-snapshot.ts';
import { estimateRequestTokens } from '../limits/estimate-request-tokens.ts';
import { modelTakes } from '../limits/request-limits.ts';
import { takeModelLimits } from '../limits/take-model-limits.ts';
import { anthropicMessagesApiPath } from '../providers/anthropic-messages/anthropic-messages-api-path.ts';
import { type AttemptFailure, buildFinalUpstreamError, describeAttemptFailure } from '../resilience/attempt-failure.ts';
import { buildRelayOptions } from '../resilience/build-relay-options.ts';
import { classifyUpstreamError } from '../resilience/classify-upstream-error.ts';
import { planAttempts } from '../resilience/plan-attempts.ts';
import { recordAttemptFailure } from '../resilience/record-attempt-failure.ts';
import type { RoutePlan, RouteTarget } from '../routing/route-target.ts';
import { failRequest } from '../server/fail-request.ts';
import type { GatewayServices } from '../server/gateway-services.ts';
import { parseJsonBody } from '../server/parse-json-body.ts';
import type { RequestContext } from '../server/request-context.ts';
import type { ProtocolAdapter, RoutableRequest } from '../translation/protocol-adapter.ts';
import { protocolAdapters } from '../translation/protocol-adapters.ts';
import type { ProviderRuntime } from '../upstream/provider-runtime.ts';
import { type RelayCallbacks, type RelaySink, relayUpstreamResponse, type UpstreamOutcome } from '../upstream/relay-upstream-response.ts';
import { answerEstimatedTokenCount } from './answer-estimated-token-count.ts';
import { AttemptObservation } from './attempt-observation.ts';
import { AttemptUsage } from './attempt-usage.ts';
import { buildGatewayHeaders, buildRelayedAnswerHeaders, type GatewayAnswerHeaders } from './build-client-headers.ts';
import { buildUpstreamHeaders } from './build-upstream-headers.ts';
import { createRelayedAnswer } from './create-relayed-answer.ts';
import { endBrokenAnswer } from './end-broken-answer.ts';
import { passOnErrorResponse } from './pass-on-error-response.ts';
import { type ProxyEndpoint, readEndpointRequest } from './proxy-endpoint.ts';
import { TranslatedAttempt } from './translated-attempt.ts';

/**
 * One proxied request from its body to the end of the relay; the methods are the steps, called back as
 * the body arrives and as the upstream answers. Same protocol on both sides: the fast path, where only
 * the model and the injected system prompt are rewritten and the answer's bytes pass through. Different
 * protocols: the request is translated through the canonical form, and the answer (stream event by event,
 * or whole body) on its way back. Callbacks rather than an async function: no promise, await or microtask
 * per step (85 -> 75 µs CPU per request non-stream, docs/performance.md).
 */
export class ProxyExchange implements RelayCallbacks {
  readonly #endpoint: ProxyEndpoint;
  readonly #request: IncomingMessage;
  readonly #response: ServerResponse;
  readonly #context: RequestContext;
  readonly #services: GatewayServices;
  readonly #snapshot: GatewaySnapshot;
  readonly #clientKey: ClientKey | undefined;
  /** The current attempt when its provider speaks another protocol; undefined: the answer is relayed. */
  #translated: TranslatedAttempt | undefined;
  #headers: GatewayAnswerHeaders = { requestId: '', providerName: 'unknown', translation: undefined, warnings: undefined, attempts: 1, rateLimit: undefined };
  #routable: RoutableRequest | undefined;
  /** The targets this request may try, in order (resilience/plan-attempts.ts), and the one being tried. */
  #attempts: readonly RouteTarget[] = [];
  #attemptIndex = -1;
  /** Providers that failed during this request: an L2 alias naming one again does not retry it. */
  readonly #failedProviders = new Set<string>();
  /** The provider whose in-flight count this exchange holds (concurrency.per_backend_limit). */
  #loadedProvider: string | undefined;
  readonly #observation: AttemptObservation;
  readonly #usage: AttemptUsage;

  constructor(
    endpoint: ProxyEndpoint,
    request: IncomingMessage,
    response: ServerResponse,
    context: RequestContext,
    services: GatewayServices,
    snapshot: GatewaySnapshot,
    clientKey: ClientKey | undefined,
  ) {
    this.#endpoint = endpoint;
    this.#request = request;
    this.#response = response;
    this.#context = context;
    this.#services = services;
    this.#snapshot = snapshot;
    this.#clientKey = clientKey;
    this.#observation = new AttemptObservation(context, services.observers);
    this.#usage = new AttemptUsage(endpoint, context, services.observers);
  }

  onBody(rawBody: Buffer): void {
    try {
      this.#sendUpstream(rawBody);
    } catch (error) {
      this.fail(error);
    }
  }

  onUpstreamHead(status: number): void {
    this.#observation.upstreamHead(status);
  }

  onResponseStart(status: number, headers: IncomingHttpHeaders): void {
    this.#context.status = status;
    this.#services.observers.responseStarted(this.#context, status);
    const translated = this.#translated;
    if (translated === undefined) this.#response.writeHead(status, buildRelayedAnswerHeaders(headers, this.#headers));
    else if (translated.streamSink !== undefined) this.#response.writeHead(status, buildGatewayHeaders('text/event-stream; charset=utf-8', translated.headers));
    // A translated whole answer: the head waits for the converted body (#onTranslatedBody).
  }

  onOutcome(outcome: UpstreamOutcome): void {
    if (this.#loadedProvider !== undefined) {
      this.#services.backendLoad.finish(this.#loadedProvider);
      this.#loadedProvider = undefined;
    }
    this.#endAttempt(outcome);
    try {
      this.#finish(outcome);
    } catch (error) {
      this.fail(error);
    }
  }

  fail(error: unknown): void {
    failRequest(error, this.#response, this.#context, this.#services.logger);
  }

  #sendUpstream(rawBody: Buffer): void {
    const context = this.#context;
    const routable = readEndpointRequest(this.#endpoint, parseJsonBody(rawBody));
    context.stream = routable.stream;
    const plan = this.#snapshot.routingTable.planRoute(routable.model);
    context.model = plan?.model ?? routable.model;
    context.modelIsKnown = this.#snapshot.knownModels.has(context.model);
    if (this.#clientKey !== undefined && !isModelAllowed(this.#clientKey, context.model)) {
      throw new GatewayError('GW_ERR_MODEL_NOT_ALLOWED', { message: `This API key may not use the model '${context.model}'.`, param: 'model' });
    }
    if (plan === undefined) {
      throw new GatewayError('GW_ERR_MODEL_NOT_FOUND', { message: `No provider serves the model '${context.model}'.`, param: 'model' });
    }
    this.#routable = routable;
    this.#services.observers.requestReceived(context, { rawBody, body: routable.body });
    const takes = modelTakes(context.model, this.#snapshot.config.rate_limit, this.#clientKey, estimateRequestTokens(rawBody));
    if (takes.length === 0) {
      this.#planAttempts(plan);
      return;
    }
    takeModelLimits(
      this.#services.rateLimits,
      takes,
      context,
      () => {
        try {
          this.#planAttempts(plan);
        } catch (error) {
          this.fail(error);
        }
      },
      (error) => this.fail(error),
    );
  }

  /** Orders the attempts (priority, weights, cooldowns, busy providers) and sends the first. */
  #planAttempts(plan: RoutePlan): void {
    const context = this.#context;
    const openaiOnly = this.#endpoint.openaiOnly;
    const accepts =
      openaiOnly === undefined ? undefined : (target: RouteTarget) => this.#snapshot.providers.get(target.provider.name)?.protocol !== 'anthropic-messages';
    const load = this.#services.backendLoad;
    this.#attempts = planAttempts(plan, this.#snapshot.routingTable, this.#snapshot.config.fallback, this.#services.cooldowns, accepts, (name) =>
      load.isBusy(name),
    );
    if (this.#attempts.length === 0) {
      throw new GatewayError('GW_ERR_UNSUPPORTED_PROVIDER_PROTOCOL', {
        message: `The model '${context.model}' is served only by Anthropic providers, which have no ${openaiOnly?.upstreamPath ?? ''} endpoint.`,
      });
    }
    this.#startNextAttempt();
  }

  /** Sends the next planned attempt whose provider has not failed in this request; false when none is left. */
  #startNextAttempt(): boolean {
    for (;;) {
      this.#attemptIndex += 1;
      const target = this.#attempts[this.#attemptIndex];
      if (target === undefined) return false;
      const provider = this.#snapshot.providers.get(target.provider.name);
      if (provider === undefined || this.#failedProviders.has(provider.config.name)) continue;
      this.#startAttempt(target, provider);
      return true;
    }
  }

  #startAttempt(target: RouteTarget, provider: ProviderRuntime): void {
    const context = this.#context;
    const routable = this.#routable as RoutableRequest;
    context.provider = provider.config.name;
    context.upstreamModel = target.upstreamModel;
    context.attempts += 1;
    context.translation = undefined;
    this.#translated = undefined;
    this.#usage.reset();
    this.#headers = {
      requestId: context.requestId,
      providerName: provider.config.name,
      translation: undefined,
      warnings: undefined,
      attempts: context.attempts,
      rateLimit: context.rateLimitHeaders,
    };
    // A copy per attempt: the fast path's rewrite replaces top-level fields, and a later attempt starts afresh.
    const body = { ...routable.body };

    const systemPrompt = this.#snapshot.systemPrompts.get(context.model ?? '');
    const clientAdapter = this.#endpoint.adapter;
    const openaiOnly = this.#endpoint.openaiOnly;
    const countTokens = this.#endpoint.countTokens;
    if (countTokens !== undefined) {
      if (provider.protocol !== 'anthropic-messages') {
        answerEstimatedTokenCount(clientAdapter, body, systemPrompt, this.#response, context, (error) => this.fail(error));
        return;
      }
      clientAdapter.rewriteSameProtocol(body, target.upstreamModel, systemPrompt);
      const path = anthropicMessagesApiPath(provider.basePath, countTokens.upstreamPath);
      this.#dispatch(provider, path, JSON.stringify(body), this.#response, true);
    } else if (openaiOnly !== undefined) {
      body['model'] = target.upstreamModel;
      const relayed = this.#relayedAnswer(undefined, body);
      this.#dispatch(provider, provider.basePath + openaiOnly.upstreamPath, relayed.upstreamBody, relayed.sink, false);
    } else if (provider.protocol === clientAdapter.protocol) {
      clientAdapter.rewriteSameProtocol(body, target.upstreamModel, systemPrompt);
      const passBeta = clientAdapter.protocol === 'anthropic-messages';
      const relayed = this.#relayedAnswer(clientAdapter, body);
      this.#dispatch(provider, clientAdapter.upstreamPath(provider.basePath), relayed.upstreamBody, relayed.sink, passBeta);
    } else {
      this.#sendTranslated(body, provider, target.upstreamModel, systemPrompt);
    }
  }

  /**
   * The fast path's sink and upstream body: a sink that picks the answer's usage up on its way to the
   * client (a Chat stream's body asking for it), or, when nothing reads usage (`usageWanted`, no token
   * limit on the key), the client's response itself: the answer is relayed untouched.
   */
  #relayedAnswer(adapter: ProtocolAdapter | undefined, body: Record<string, unknown>): { sink: RelaySink; upstreamBody: string } {
    if (!this.#services.usageWanted && this.#context.tokenCharge === undefined) return { sink: this.#response, upstreamBody: JSON.stringify(body) };
    const relayed = createRelayedAnswer(adapter, body, this.#response, this.#context, this.#services.observers);
    this.#usage.readRelayed(relayed.sink, body);
    return relayed;
  }

  #sendTranslated(body: Record<string, unknown>, provider: ProviderRuntime, upstreamModel: string, systemPrompt: string | undefined): void {
    const translated = new TranslatedAttempt({
      clientAdapter: this.#endpoint.adapter,
      upstreamAdapter: protocolAdapters[provider.protocol],
      body,
      upstreamModel,
      systemPrompt,
      maxOutputTokens: provider.config.max_output_tokens,
      requestId: this.#context.requestId,
      nowSeconds: Math.floor(this.#services.now() / 1000),
      headers: this.#headers,
      response: this.#response,
      context: this.#context,
      observers: this.#services.observers,
      onBody: (answer) => this.#onTranslatedBody(answer),
    });
    this.#translated = translated;
    this.#context.translation = translated.translation;
    if (translated.warnings.length > 0) this.#logWarnings(translated.warnings);
    this.#usage.readTranslated(translated);
    this.#dispatch(provider, translated.upstreamAdapter.upstreamPath(provider.basePath), translated.upstreamBody, translated.sink, false);
  }

  #onTranslatedBody(body: Buffer): void {
    const translated = this.#translated as TranslatedAttempt;
    try {
      const warnings = translated.writeBody(body);
      if (warnings.length > 0) this.#logWarnings(warnings);
    } catch (error) {
      this.fail(error);
    }
  }

  #dispatch(provider: ProviderRuntime, path: string, body: string, sink: RelaySink, passAnthropicBeta: boolean): void {
    const headers = buildUpstreamHeaders(this.#request, this.#context.requestId, provider.authHeaders, {
      forwardClientIp: this.#snapshot.config.proxy.forward_client_ip,
      passAnthropicBeta,
    });
    this.#loadedProvider = provider.config.name;
    this.#services.backendLoad.start(provider.config.name);
    this.#observation.started({ provider: provider.config.name, protocol: provider.protocol, path, body });
    const relayOptions = buildRelayOptions(provider.timeouts.total, this.#context.stream, this.#snapshot.detection.errorPatterns);
    relayUpstreamResponse(provider.dispatcher, { method: 'POST', path, headers, body }, sink, this, relayOptions);
  }

  /** The attempt's end for the observers, and the answer's usage once an answer reached the client. */
  #endAttempt(outcome: UpstreamOutcome): void {
    this.#observation.ended(outcome);
    const answered = outcome.kind === 'relayed' || outcome.kind === 'broken' || (outcome.kind === 'client-gone' && this.#response.headersSent);
    if (answered) this.#usage.recordAnswered();
  }

  #logWarnings(warnings: readonly ConversionWarning[]): void {
    this.#services.logger.debug(
      { requestId: this.#context.requestId, translation: this.#context.translation, warnings },
      'translation dropped or adjusted fields',
    );
  }

  /** Turns how the upstream exchange ended into the client's answer (when one is still owed), or the next attempt. */
  #finish(outcome: UpstreamOutcome): void {
    const context = this.#context;
    const providerName = context.provider ?? 'unknown';
    const health = this.#services.providerHealth;
    switch (outcome.kind) {
      case 'relayed':
        health.recordSuccess(providerName);
        return;
      case 'client-gone':
        context.status = 499;
        return;
      case 'error-response': {
        const verdict = classifyUpstreamError(outcome.status, outcome.body.toString('utf8'), this.#snapshot.detection);
        if (verdict === 'client-error') {
          passOnErrorResponse(outcome, this.#response, context, this.#translatedError());
          return;
        }
        const failure = describeAttemptFailure(outcome, this.#services.now());
        if (verdict === 'provider-failure') {
          this.#failAttempt(providerName, failure);
          return;
        }
        health.recordFailure(providerName, failure.message, outcome.status);
        throw new GatewayError('GW_ERR_UPSTREAM_ERROR', {
          message: `Provider '${providerName}' answered with HTTP ${outcome.status}.`,
          upstream: { provider: providerName, status: outcome.status, body: outcome.body.toString('utf8', 0, 2048) },
        });
      }
      case 'failed':
      case 'first-chunk-rejected':
        this.#failAttempt(providerName, describeAttemptFailure(outcome, this.#services.now()));
        return;
      case 'broken':
        health.recordFailure(providerName, `response broke off: ${outcome.error.name}`);
        endBrokenAnswer(this.#response, this.#context, this.#endpoint.adapter, this.#translated?.streamSink, Math.floor(this.#services.now() / 1000));
        return;
    }
  }

  /**
   * A provider failed before anything reached the client: it cools down (fallback.cooldown_seconds, or
   * its longer Retry-After) and the next attempt goes out; with none left, or the client gone, the
   * client gets the final 502/503/504.
   */
  #failAttempt(providerName: string, failure: AttemptFailure): void {
    recordAttemptFailure(this.#services, this.#snapshot, providerName, failure, { requestId: this.#context.requestId, attempt: this.#context.attempts });
    this.#failedProviders.add(providerName);
    if (this.#response.headersSent || this.#response.destroyed) return;
    if (this.#startNextAttempt()) {
      this.#services.metrics.fallbacksTotal.inc({ provider: providerName });
      return;
    }
    throw buildFinalUpstreamError(failure, providerName, this.#context.attempts);
  }

  /** A translated attempt's error answer is converted from the provider's protocol to the client's; undefined: relayed as it is. */
  #translatedError(): { readonly upstream: ProtocolAdapter; readonly client: ProtocolAdapter } | undefined {
    const translated = this.#translated;
    return translated === undefined ? undefined : { upstream: translated.upstreamAdapter, client: this.#endpoint.adapter };
  }
}
