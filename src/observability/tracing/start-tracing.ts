import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Logger } from 'pino';
import type { RequestObserver } from '../request-observer.ts';
import type { TracingSettings } from './read-tracing-settings.ts';

export interface StartTracingOptions {
  readonly settings: TracingSettings;
  readonly version: string;
  readonly logger: Logger;
  /** A configured provider's type, for gen_ai.provider.name. */
  readonly providerType: (provider: string) => string | undefined;
}

export interface RunningTracing {
  readonly observer: RequestObserver;
  /** Exports what is queued now (tests; shutdown does it too). */
  forceFlush(): Promise<void>;
  /** Exports what is queued and stops the processors. */
  shutdown(): Promise<void>;
}

/**
 * Sets up OpenTelemetry for the gateway's spans: one tracer provider (not registered globally: the
 * gateway hands its tracer to the request tracer, and nothing else in the process is affected) with a
 * BatchSpanProcessor exporting OTLP/HTTP JSON to `settings.otlpTracesUrl`, and Langfuse's span processor
 * (its own batch processor and OTLP exporter to `<LANGFUSE_HOST>/api/public/otel/v1/traces`, Basic auth with
 * the public and secret key). The SDK is imported here, on demand: a gateway without tracing loads none of it.
 */
export async function startTracing(options: StartTracingOptions): Promise<RunningTracing> {
  const { settings, logger } = options;
  const [
    { BasicTracerProvider, BatchSpanProcessor },
    { OTLPTraceExporter },
    { resourceFromAttributes },
    { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION },
    { RequestTracer },
  ] = await Promise.all([
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/semantic-conventions'),
    import('./request-tracer.ts'),
  ]);
  const spanProcessors: SpanProcessor[] = [];
  if (settings.otlpTracesUrl !== undefined) {
    spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.otlpTracesUrl })));
  }
  const langfuse = settings.langfuse;
  if (langfuse !== undefined) {
    const { LangfuseSpanProcessor } = await import('@langfuse/otel');
    if (langfuse.debug) {
      const { configureGlobalLogger, LogLevel } = await import('@langfuse/core');
      configureGlobalLogger({ level: LogLevel.DEBUG });
    }
    const sampleThreshold = langfuse.sampleRate * 0x1_0000_0000;
    spanProcessors.push(
      new LangfuseSpanProcessor({
        publicKey: langfuse.publicKey,
        secretKey: langfuse.secretKey,
        baseUrl: langfuse.host,
        ...(langfuse.flushIntervalSeconds === undefined ? {} : { flushInterval: langfuse.flushIntervalSeconds }),
        mediaUploadEnabled: false,
        // Sampled by trace id, so that a request's span and its attempts' spans are kept or dropped together.
        shouldExportSpan: ({ otelSpan }) => Number.parseInt(otelSpan.spanContext().traceId.slice(-8), 16) < sampleThreshold,
      }),
    );
  }
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName, [ATTR_SERVICE_VERSION]: options.version }),
    spanProcessors,
  });
  logger.info(
    {
      otlpTracesUrl: settings.otlpTracesUrl,
      langfuseHost: langfuse?.host,
      langfusePublicKey: langfuse?.publicKey,
      langfuseSampleRate: langfuse?.sampleRate,
    },
    'tracing on',
  );
  return {
    observer: new RequestTracer({
      tracer: provider.getTracer('llm-proxy', options.version),
      providerType: options.providerType,
      langfuse: langfuse !== undefined,
    }),
    forceFlush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
