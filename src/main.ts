import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DbMode } from './admin/open-db-mode.ts';
import { parseCliArgs, usage } from './cli/parse-cli-args.ts';
import { ConfigError } from './config/config-error.ts';
import { loadConfig } from './config/load-config.ts';
import { watchConfigFiles } from './config/watch-config-files.ts';
import { createConfigReloader } from './gateway/create-config-reloader.ts';
import { startGateway } from './gateway/start-gateway.ts';
import { createLogger } from './observability/create-logger.ts';
import { collectKnownSecrets } from './observability/logging/collect-known-secrets.ts';
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
  if (args.command.name !== 'serve') {
    const commandLogger = createLogger('info');
    // Imported only here: the database drivers cost start-up time that YAML mode does not need.
    const { runStoreCommand } = await import('./cli/run-store-command.ts');
    const code = await runStoreCommand({ command: args.command, env: process.env, cwd: process.cwd(), logger: commandLogger });
    commandLogger.flush(() => process.exit(code));
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
  let logging: Awaited<ReturnType<typeof createConfiguredLogger>>;
  try {
    logging = await createConfiguredLogger({
      logging: config.logging,
      knownSecrets: collectKnownSecrets(config, process.env),
      // Pretty lines for a person at a terminal; JSON whenever stdout is a pipe or file (services, tests, CI).
      pretty: process.stdout.isTTY === true && process.env['CI'] === undefined,
    });
  } catch (error) {
    // logging.dir that cannot be created or written.
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const { logger } = logging;
  for (const notice of loaded.notices) logger.info(notice);
  // DB mode (docs/storage.md): providers, credentials and aliases come from the database, the rest from the YAML.
  const dbUrl = process.env['DB_URL'];
  let dbMode: DbMode | undefined;
  if (dbUrl !== undefined && dbUrl !== '') {
    try {
      const { openDbMode } = await import('./admin/open-db-mode.ts');
      // DB_POLL_INTERVAL_MS: how often config_version is polled when a NOTIFY was missed (default 5000).
      const pollIntervalMs = Number(process.env['DB_POLL_INTERVAL_MS'] ?? '');
      dbMode = await openDbMode({
        dbUrl,
        adminKey: process.env['ADMIN_KEY'],
        yamlConfig: config,
        logger,
        ...(Number.isFinite(pollIntervalMs) && pollIntervalMs > 0 ? { pollIntervalMs } : {}),
      });
    } catch (error) {
      process.stderr.write(`${error instanceof ConfigError ? error.message : `DB mode: ${(error as Error).message}`}\n`);
      process.exit(1);
    }
  }
  if ((dbMode?.config ?? config).master_keys.length === 0) {
    logger.warn('no master_keys configured: the gateway is open to anyone who can reach it');
  }
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  try {
    // Reads what the config points at (system prompt files): a problem there is a config error too.
    gateway = await startGateway({
      config: dbMode?.config ?? config,
      logger,
      version: packageJson.version,
      environment: process.env,
      adminApi: dbMode?.adminApi,
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  logger.info(
    { url: gateway.url, host: config.server.host, port: gateway.port, config: loaded.source, providers: config.providers.map((provider) => provider.name) },
    'llm-proxy listening',
  );
  await dbMode?.attach(gateway);

  // A config file edit (or its .env) reloads it, and so does SIGHUP (docs/configuration.md "Reloading").
  const reloadConfig = createConfigReloader({
    gateway,
    logger,
    initial: dbMode?.config ?? config,
    load: () => {
      const yamlConfig = loadConfig({ configPath: args.configPath, env: process.env, cwd: process.cwd() }).config;
      return dbMode === undefined ? yamlConfig : dbMode.mergeWithYaml(yamlConfig);
    },
  });
  const watcher =
    loaded.source.kind === 'file'
      ? watchConfigFiles([loaded.source.path, join(process.cwd(), '.env')], () => void reloadConfig('file'), {
          onError: (error, directory) => logger.warn({ err: error, directory }, 'config file watch failed'),
        })
      : undefined;
  process.on('SIGHUP', () => void reloadConfig('SIGHUP'));

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    watcher?.close();
    logger.info({ signal, graceMs: config.server.shutdown_timeout }, 'shutting down');
    gateway
      .shutdown()
      .then(() => dbMode?.close())
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
