import type { CanonicalUsage } from '../canonical/canonical-usage.ts';
import type { RequestContext } from '../server/request-context.ts';
import type { RequestObservers } from './request-observers.ts';

/** Token usage is known: on the context (the tokens-per-minute limit and the log line read it) and to the observers. */
export function recordRequestUsage(context: RequestContext, observers: RequestObservers, usage: CanonicalUsage, estimated: boolean): void {
  context.usage = usage;
  context.usageEstimated = estimated;
  observers.usage(context, usage);
}
