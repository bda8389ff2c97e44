import type { Logger } from 'pino';
import { ConfigError } from '../config/config-error.ts';
import type { GatewayConfig } from '../config/gateway-config-schema.ts';
import { hashGatewayConfig } from './gateway-snapshot.ts';
import type { RunningGateway } from './start-gateway.ts';

/** What made the gateway read its config again. */
export type ReloadTrigger = 'file' | 'SIGHUP';

export interface ConfigReloaderOptions {
  readonly gateway: Pick<RunningGateway, 'reload' | 'reportConfigRefused'>;
  readonly logger: Logger;
  /** Reads and validates the config again (YAML mode: loadConfig with the same file, `.env` and environment). */
  readonly load: () => GatewayConfig;
  /** The config the gateway started with. */
  readonly initial: GatewayConfig;
}

/**
 * YAML mode's reload: read the file again, refuse it with every problem logged (the running config kept),
 * else hand it to RunningGateway.reload. A file event whose config is what was last read is skipped
 * (editors write more than once per save); SIGHUP always reloads, which also re-reads the system prompt
 * files, which are not part of the config's hash. Reloads run one at a time, in order.
 */
export function createConfigReloader(options: ConfigReloaderOptions): (trigger: ReloadTrigger) => Promise<void> {
  let lastLoaded = hashGatewayConfig(options.initial);
  let queue = Promise.resolve();
  const reloadOnce = async (trigger: ReloadTrigger): Promise<void> => {
    let config: GatewayConfig;
    try {
      config = options.load();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      options.gateway.reportConfigRefused(error);
      return;
    }
    const loaded = hashGatewayConfig(config);
    if (trigger === 'file' && loaded === lastLoaded) {
      options.logger.debug({ trigger, version: loaded }, 'config file event, config unchanged');
      return;
    }
    try {
      await options.gateway.reload(config);
      lastLoaded = loaded;
    } catch (error) {
      // Already logged and counted by reload(); anything else is a fault of the gateway.
      if (!(error instanceof ConfigError)) throw error;
    }
  };
  return (trigger) => {
    queue = queue.then(() => reloadOnce(trigger)).catch((error: unknown) => options.logger.error({ err: error, trigger }, 'config reload failed'));
    return queue;
  };
}
