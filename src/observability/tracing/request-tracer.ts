import { type Attributes, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE, ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE, ATTR_URL_PATH } from '@opentelemetry/semantic-conventions';
import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  ATTR_GEN_AI_SYSTEM,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  GEN_AI_OPERATION_NAME_VALUE_CHAT,
  GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS,
  GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION,
} from '@opentelemetry/semantic-conventions/incubating';
import type { RequestContext } from '../../server/request-context.ts';
import type { AttemptEndedEvent, AttemptStartedEvent, RequestObserver } from '../request-observer.ts';

/**
 * The gateway's own attributes, beside the GenAI ones: the configured provider name (gen_ai.provider.name is
 * its type), the client-facing and mapped model, the attempt number, the translation pair.
 */
export const gatewayAttributes = {
  requestId: 'llm_proxy.request_id',
  keyName: 'llm_proxy.key_name',
  provider: 'llm_proxy.provider',
  mappedModel: 'llm_proxy.mapped_model',
  attempts: 'llm_proxy.attempts',
  attempt: 'llm_proxy.attempt',
  protocol: 'llm_proxy.protocol',
  translation: 'llm_proxy.translation',
  errorCode: 'llm_proxy.error_code',
  usageEstimated: 'llm_proxy.usage_estimated',
} as const;

/**
 * Langfuse's attributes for what the GenAI conventions do not say (observation type, completion start).
 * @see https://langfuse.com/integrations/native/opentelemetry (LangfuseOtelSpanAttributes in @langfuse/core)
 */
const langfuseAttributes = {
  traceName: 'langfuse.trace.name',
  observationType: 'langfuse.observation.type',
  completionStartTime: 'langfuse.observation.completion_start_time',
  level: 'langfuse.observation.level',
  statusMessage: 'langfuse.observation.status_message',
} as const;

/** Spans of one request, kept between its events. */
interface TracedRequest {
  readonly span: Span;
  readonly parent: ReturnType<typeof trace.setSpan>;
  readonly attempts: Map<number, Span>;
}

export interface RequestTracerOptions {
  readonly tracer: Tracer;
  /** A configured provider's type (`openai`, `anthropic`, `mock`): gen_ai.provider.name. */
  readonly providerType: (provider: string) => string | undefined;
  /** Add Langfuse's own attributes (generation type, completion start time). */
  readonly langfuse: boolean;
}

/** `chat` for the chat, messages and responses endpoints; `embeddings`; `text_completion` for /v1/completions. */
function operationName(endpoint: string): string {
  if (endpoint.endsWith('/embeddings')) return GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS;
  if (endpoint.endsWith('/completions') && !endpoint.endsWith('/chat/completions')) return GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION;
  return GEN_AI_OPERATION_NAME_VALUE_CHAT;
}

/**
 * Tracing as a request observer: a SERVER span per proxied request (from its arrival to the end of the
 * response) and a CLIENT child span per upstream attempt, with the GenAI semantic-convention attributes
 * (names from @opentelemetry/semantic-conventions/incubating): operation, provider, the client's model as
 * gen_ai.request.model and the mapped one as gen_ai.response.model (and llm_proxy.mapped_model), usage,
 * streaming, time to first chunk, error.type, HTTP status. Spans start when the request was routed
 * (`onRequestReceived`; a request refused before routing is received just before it finishes, so its span
 * runs from its arrival). Only loaded when tracing is on.
 */
export class RequestTracer implements RequestObserver {
  readonly #options: RequestTracerOptions;
  readonly #requests = new WeakMap<RequestContext, TracedRequest>();
  /** hrtime -> epoch ms, anchored once (span times are epoch based; the context's times are hrtime). */
  readonly #anchorNs = process.hrtime.bigint();
  readonly #anchorMs = Date.now();

  constructor(options: RequestTracerOptions) {
    this.#options = options;
  }

  #epochMs(ns: bigint): number {
    return this.#anchorMs + Number(ns - this.#anchorNs) / 1e6;
  }

  onRequestReceived(context: RequestContext): void {
    const operation = operationName(context.endpoint);
    const attributes: Attributes = {
      [ATTR_GEN_AI_OPERATION_NAME]: operation,
      [ATTR_HTTP_REQUEST_METHOD]: context.method,
      [ATTR_HTTP_ROUTE]: context.endpoint,
      [ATTR_GEN_AI_REQUEST_STREAM]: context.stream,
      [gatewayAttributes.requestId]: context.requestId,
    };
    if (context.model !== undefined) attributes[ATTR_GEN_AI_REQUEST_MODEL] = context.model;
    if (context.keyName !== undefined) attributes[gatewayAttributes.keyName] = context.keyName;
    const name = context.model === undefined ? operation : `${operation} ${context.model}`;
    if (this.#options.langfuse) {
      attributes[langfuseAttributes.observationType] = 'generation';
      attributes[langfuseAttributes.traceName] = name;
    }
    const span = this.#options.tracer.startSpan(name, { kind: SpanKind.SERVER, attributes, startTime: this.#epochMs(context.startedAtNs) }, ROOT_CONTEXT);
    this.#requests.set(context, { span, parent: trace.setSpan(ROOT_CONTEXT, span), attempts: new Map() });
  }

  onAttemptStarted(context: RequestContext, event: AttemptStartedEvent): void {
    const traced = this.#requests.get(context);
    if (traced === undefined) return;
    const providerType = this.#options.providerType(event.provider) ?? event.provider;
    const operation = operationName(context.endpoint);
    const attributes: Attributes = {
      [ATTR_GEN_AI_OPERATION_NAME]: operation,
      [ATTR_GEN_AI_PROVIDER_NAME]: providerType,
      [ATTR_GEN_AI_SYSTEM]: providerType,
      [ATTR_GEN_AI_REQUEST_MODEL]: event.upstreamModel,
      [ATTR_GEN_AI_REQUEST_STREAM]: context.stream,
      [ATTR_URL_PATH]: event.path,
      [gatewayAttributes.provider]: event.provider,
      [gatewayAttributes.attempt]: event.attempt,
      [gatewayAttributes.protocol]: event.protocol,
    };
    if (event.translation !== undefined) attributes[gatewayAttributes.translation] = event.translation;
    if (this.#options.langfuse) attributes[langfuseAttributes.observationType] = 'span';
    const span = this.#options.tracer.startSpan(`${operation} ${event.upstreamModel}`, { kind: SpanKind.CLIENT, attributes }, traced.parent);
    traced.attempts.set(event.attempt, span);
  }

  onAttemptEnded(context: RequestContext, event: AttemptEndedEvent): void {
    const span = this.#requests.get(context)?.attempts.get(event.attempt);
    if (span === undefined) return;
    if (event.status !== undefined) span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, event.status);
    if (event.failureReason !== undefined) {
      span.setAttribute(ATTR_ERROR_TYPE, event.failureReason);
      span.setStatus({ code: SpanStatusCode.ERROR, message: event.failureReason });
    }
    span.end();
  }

  onRequestFinished(context: RequestContext): void {
    const traced = this.#requests.get(context);
    if (traced === undefined) return;
    this.#requests.delete(context);
    const { span } = traced;
    const attributes: Attributes = {
      [ATTR_HTTP_RESPONSE_STATUS_CODE]: context.status,
      [gatewayAttributes.attempts]: context.attempts,
    };
    if (context.provider !== undefined) {
      const providerType = this.#options.providerType(context.provider) ?? context.provider;
      attributes[ATTR_GEN_AI_PROVIDER_NAME] = providerType;
      attributes[ATTR_GEN_AI_SYSTEM] = providerType;
      attributes[gatewayAttributes.provider] = context.provider;
    }
    if (context.upstreamModel !== undefined) {
      attributes[ATTR_GEN_AI_RESPONSE_MODEL] = context.upstreamModel;
      attributes[gatewayAttributes.mappedModel] = context.upstreamModel;
    }
    if (context.translation !== undefined) attributes[gatewayAttributes.translation] = context.translation;
    const usage = context.usage;
    if (usage !== undefined) {
      if (usage.inputTokens !== undefined) attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS] = usage.inputTokens;
      if (usage.outputTokens !== undefined) attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS] = usage.outputTokens;
      if (usage.cachedInputTokens !== undefined) attributes[ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS] = usage.cachedInputTokens;
      if (usage.cacheWriteInputTokens !== undefined) attributes[ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS] = usage.cacheWriteInputTokens;
      if (usage.reasoningTokens !== undefined) attributes[ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS] = usage.reasoningTokens;
      attributes[gatewayAttributes.usageEstimated] = context.usageEstimated;
    }
    if (context.firstByteAtNs !== undefined) {
      attributes[ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK] = Number(context.firstByteAtNs - context.startedAtNs) / 1e9;
      if (this.#options.langfuse) attributes[langfuseAttributes.completionStartTime] = new Date(this.#epochMs(context.firstByteAtNs)).toISOString();
    }
    const failed = context.status >= 400;
    if (failed) {
      attributes[ATTR_ERROR_TYPE] = context.errorCode ?? String(context.status);
      if (context.errorCode !== undefined) attributes[gatewayAttributes.errorCode] = context.errorCode;
      if (this.#options.langfuse) {
        attributes[langfuseAttributes.level] = 'ERROR';
        attributes[langfuseAttributes.statusMessage] = context.errorCode ?? String(context.status);
      }
    }
    span.setAttributes(attributes);
    // 5xx and the client leaving (499) are the gateway's failures; a 4xx is the client's, per HTTP semconv.
    if (context.status >= 500 || context.status === 499) span.setStatus({ code: SpanStatusCode.ERROR, message: context.errorCode ?? String(context.status) });
    // Attempts still open (the client left mid-attempt) end with the request.
    for (const attempt of traced.attempts.values()) if (attempt.isRecording()) attempt.end();
    span.end(context.endedAtNs === undefined ? undefined : this.#epochMs(context.endedAtNs));
  }
}
