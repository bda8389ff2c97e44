import type { GatewayServices } from '../server/gateway-services.ts';
import type { RequestContext } from '../server/request-context.ts';
import { loadTokenCounter } from '../tokens/estimate-request-tokens.ts';
import { recordRequestFinished } from './record-request-finished.ts';
import { recordRequestUsage } from './record-request-usage.ts';
import type { RequestReceivedEvent } from './request-observer.ts';

/**
 * The response closed: the request log line, its metrics and the request-finished observers, once.
 * When the provider gave no usage and the proxy left a way to count it (`context.estimateUsage`), the
 * tokenizer runs first, on a later turn of the event loop (setImmediate): after the client's answer is
 * out, so it never delays a response, and `context.usage` is set before any request-finished observer runs.
 * Such a request is pending (`services.pendingFinishes`) until recorded: shutdown waits for it.
 * `quiet`: operational endpoints, counted but not logged.
 */
export function finishObservedRequest(context: RequestContext, services: GatewayServices, quiet: boolean): void {
  context.endedAtNs = process.hrtime.bigint();
  const estimate = context.usage === undefined ? context.estimateUsage : undefined;
  if (estimate === undefined) {
    finish(context, services, quiet);
    return;
  }
  services.pendingFinishes.start();
  setImmediate(() => {
    loadTokenCounter().then(
      (countText) => {
        try {
          const usage = estimate(countText);
          if (usage !== undefined) recordRequestUsage(context, services.observers, usage, true);
        } catch (error) {
          services.logger.warn({ requestId: context.requestId, err: error }, 'token estimate failed');
        }
        finishPending(context, services, quiet);
      },
      (error: unknown) => {
        services.logger.warn({ requestId: context.requestId, err: error }, 'tokenizer failed to load');
        finishPending(context, services, quiet);
      },
    );
  });
}

/** What a refused request's received event carries: no body. */
const refusedRequest: RequestReceivedEvent = { rawBody: undefined, body: undefined };

function finishPending(context: RequestContext, services: GatewayServices, quiet: boolean): void {
  try {
    finish(context, services, quiet);
  } finally {
    services.pendingFinishes.done();
  }
}

function finish(context: RequestContext, services: GatewayServices, quiet: boolean): void {
  recordRequestFinished(context, services.metrics, quiet ? undefined : services.logger);
  // Operational endpoints (health, metrics, docs) are counted, not journaled or traced.
  if (quiet) return;
  // A client API request refused before it was routed: announced now, so that every observer sees it whole.
  if (context.apiRequest && !context.received) services.observers.requestReceived(context, refusedRequest);
  services.observers.requestFinished(context);
}
