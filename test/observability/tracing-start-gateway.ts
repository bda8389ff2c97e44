import { Writable } from 'node:stream';
import type { TestContext } from 'node:test';
import { gatewayConfigSchema } from '../../src/config/gateway-config-schema.ts';
import { type RunningGateway, startGateway } from '../../src/gateway/start-gateway.ts';
import { collectKnownSecrets } from '../../src/observability/logging/collect-known-secrets.ts';
import { createConfiguredLogger } from '../../src/observability/logging/create-configured-logger.ts';

export interface ObservedGateway extends RunningGateway {
  /** Everything the gateway logged to its stdout destination. */
  logText(): string;
}

/**
 * The gateway in-process with the logger main.ts builds (masking, `logging.dir`) and `environment` for
 * tracing. Shut down after the test unless the test did.
 */
export async function startObservedGateway(
  t: TestContext,
  rawConfig: Record<string, unknown>,
  environment: Record<string, string> = {},
): Promise<ObservedGateway> {
  const config = gatewayConfigSchema.parse({
    ...rawConfig,
    server: { host: '127.0.0.1', port: 0 },
    logging: { level: 'debug', ...(rawConfig['logging'] as object | undefined) },
  });
  let text = '';
  const stdout = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString('utf8');
      callback();
    },
  });
  const logging = await createConfiguredLogger({ logging: config.logging, knownSecrets: collectKnownSecrets(config, environment), pretty: false, stdout });
  const gateway = await startGateway({ config, logger: logging.logger, version: 'test', collectProcessMetrics: false, environment });
  let stopped = false;
  t.after(async () => {
    if (!stopped) await gateway.shutdown(1000);
    await logging.close();
  });
  return {
    ...gateway,
    async shutdown(timeoutMs) {
      stopped = true;
      await gateway.shutdown(timeoutMs);
      await logging.close();
    },
    logText: () => text,
  };
}
