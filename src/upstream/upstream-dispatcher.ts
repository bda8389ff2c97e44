import type { Dispatcher } from 'undici';

/** What a provider's transport must do: undici's Pool fits, and so does the in-process mock provider. */
export interface UpstreamDispatcher {
  dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean;
  close(): Promise<void>;
}
