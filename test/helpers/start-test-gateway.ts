import { Writable } from 'node:stream';
import { gatewayConfigSchema } from '../../src/config/gateway-config-schema.ts';
import { type RunningGateway, startGateway } from '../../src/gateway/start-gateway.ts';
import { createLogger } from '../../src/observability/create-logger.ts';

export interface TestGateway extends RunningGateway {
  /** Every log line the gateway wrote, parsed. */
  readonly logLines: Record<string, unknown>[];
  /** Raw log output, for grepping secrets. */
  logText(): string;
}

export interface TestGatewayOptions {
  readonly now?: () => number;
  /** Where the log lines go instead of into memory (`logLines` and `logText()` then stay empty): a long run's own sink. */
  readonly logSink?: Writable;
}

/**
 * Starts the gateway in-process on a free loopback port with `rawConfig` (validated like a config file),
 * logging into memory (or into `options.logSink`). Register `t.after(() => gateway.shutdown())`.
 */
export async function startTestGateway(rawConfig: Record<string, unknown>, options: TestGatewayOptions = {}): Promise<TestGateway> {
  const config = gatewayConfigSchema.parse({
    ...rawConfig,
    server: { host: '127.0.0.1', port: 0, ...(rawConfig['server'] as object | undefined) },
    logging: { level: 'debug', ...(rawConfig['logging'] as object | undefined) },
  });
  const logLines: Record<string, unknown>[] = [];
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString('utf8');
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logLines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  const logger = createLogger(config.logging.level, options.logSink ?? sink);
  const gateway = await startGateway({
    config,
    logger,
    version: 'test',
    collectProcessMetrics: false,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  return { ...gateway, logLines, logText: () => text };
}
