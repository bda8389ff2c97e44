import { readFileSync } from 'node:fs';
import { parseCliArgs, usage } from './cli/parse-cli-args.ts';
import { ConfigError } from './config/config-error.ts';
import { loadConfig } from './config/load-config.ts';
import { startGateway } from './gateway/start-gateway.ts';
import { createConfiguredLogger } from './observability/logging/create-configured-logger.ts';

/** Composition root: arguments and environment -> config -> logger -> gateway; signals -> graceful exit. */
async function main(): Promise<void> {
  const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  let args: ReturnType<typeof parseCliArgs>;
  try {
    args = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  let loaded: ReturnType<typeof loadConfig>;
  try {
    loaded = loadConfig({ configPath: args.configPath, env: process.env, cwd: process.cwd() });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const { config } = loaded;
  const logging = await createConfiguredLogger({
    logging: config.logging,
    knownSecrets: [
      ...config.master_keys.flatMap((masterKey) => masterKey.key ?? []),
      ...config.providers.flatMap((provider) => provider.api_key ?? []),
      ...[process.env['LANGFUSE_SECRET_KEY'], process.env['ADMIN_KEY']].filter((secret): secret is string => secret !== undefined),
    ],
    // Pretty lines for a person at a terminal; JSON whenever stdout is a pipe or file (services, tests, CI).
    pretty: process.stdout.isTTY === true,
  });
  const { logger } = logging;
  for (const notice of loaded.notices) logger.info(notice);
  if (config.master_keys.length === 0) {
    logger.warn('no master_keys configured: the gateway is open to anyone who can reach it');
  }
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  try {
    // Reads what the config points at (system prompt files): a problem there is a config error too.
    gateway = await startGateway({ config, logger, version: packageJson.version });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  logger.info(
    { url: gateway.url, host: config.server.host, port: gateway.port, config: loaded.source, providers: config.providers.map((provider) => provider.name) },
    'llm-proxy listening',
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: config.server.shutdown_timeout }, 'shutting down');
    gateway
      .shutdown()
      .catch((error: unknown) => logger.error({ err: error }, 'shutdown failed'))
      .finally(() => {
        logger.info('stopped');
        void logging.close().finally(() => process.exit(0));
      });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

await main();
