import type { DestinationStream, Logger } from 'pino';
import { ConfigError } from '../../config/config-error.ts';
import type { LoggingConfig } from '../../config/gateway-config-schema.ts';
import { createLogDestination, type LogDestination } from '../create-log-destination.ts';
import { createLogger } from '../create-logger.ts';
import type { RotatingLogFile } from './create-rotating-log-file.ts';
import { createRoutedLogDestination } from './create-routed-log-destination.ts';
import { createSecretFieldCheck, createSecretMasker, type SecretMasker } from './create-secret-masker.ts';

export interface ConfiguredLoggerOptions {
  readonly logging: LoggingConfig;
  /** Values masked wherever they appear (configured client and provider keys, tracing secrets). */
  readonly knownSecrets: readonly string[];
  /** stdout is a terminal: human-readable lines through pino-pretty instead of JSON. Never in tests or CI. */
  readonly pretty: boolean;
  /** Where the stdout lines go instead of fd 1 (tests). */
  readonly stdout?: DestinationStream;
  readonly now?: () => number;
}

export interface ConfiguredLogger {
  readonly logger: Logger;
  /** The masker of `mask_sensitive` (the journal uses it too); undefined when masking is off. */
  readonly mask: SecretMasker | undefined;
  /** The files of `logging.dir`, if any (tests watch their rotation). */
  readonly files: { readonly requests: RotatingLogFile; readonly errors: RotatingLogFile } | undefined;
  /** Writes what is pending everywhere and closes the files: call last, before the process exits. */
  close(): Promise<void>;
}

/**
 * The root logger as the `logging` config asks: JSON to stdout (pretty in a terminal), with `dir` also
 * `requests.log` (the per-request lines) and `errors.log` (warn and above), rotated daily and by size, and
 * every line masked with `mask_sensitive` (create-routed-log-destination.ts says how, and what it costs).
 */
export async function createConfiguredLogger(options: ConfiguredLoggerOptions): Promise<ConfiguredLogger> {
  const { logging } = options;
  const mask = logging.mask_sensitive ? createSecretMasker(options.knownSecrets) : undefined;
  let stdout: DestinationStream & Partial<Pick<LogDestination, 'flushSync'>>;
  if (options.stdout !== undefined) stdout = options.stdout;
  else if (options.pretty) {
    // Loaded only for a terminal: its formatter and colour code are no cost to a service's JSON output.
    const { default: pretty } = await import('pino-pretty');
    stdout = pretty({ colorize: true, sync: true });
  } else stdout = createLogDestination({ fd: 1 });
  let files: ConfiguredLogger['files'];
  if (logging.dir !== undefined) {
    const fileOptions = {
      dir: logging.dir,
      maxFileSize: logging.max_file_size,
      maxAgeDays: logging.max_age_days,
      // The logger is what failed, so stderr says it.
      onError: (error: Error) => process.stderr.write(`log file in ${logging.dir}: ${error.message}\n`),
      ...(options.now === undefined ? {} : { now: options.now }),
    };
    // Loaded only for a log dir (rotating-file-stream: ~10-40 ms of start-up on the shared machine).
    const { createRotatingLogFile } = await import('./create-rotating-log-file.ts');
    try {
      files = {
        requests: createRotatingLogFile({ ...fileOptions, baseName: 'requests' }),
        errors: createRotatingLogFile({ ...fileOptions, baseName: 'errors' }),
      };
    } catch (error) {
      throw new ConfigError('logging', [`logging.dir: cannot use "${logging.dir}": ${(error as Error).message}`], { cause: error });
    }
  }
  // mask_sensitive off and no dir: pino writes straight to stdout, as before #6.
  const destination: DestinationStream =
    mask === undefined && files === undefined
      ? stdout
      : createRoutedLogDestination({
          main: stdout,
          requests: files?.requests,
          errors: files?.errors,
          mask: mask === undefined ? undefined : { line: mask, field: createSecretFieldCheck(options.knownSecrets) },
        });
  const logger = createLogger(logging.level, destination);
  return {
    logger,
    mask,
    files,
    async close() {
      await new Promise<void>((resolve) => logger.flush(() => resolve()));
      if (files !== undefined) await Promise.all([files.requests.close(), files.errors.close()]);
    },
  };
}
