/** `serve` (the default) runs the gateway; `migrate` and `import-config` work on DB mode's database and exit. */
export type CliCommand = { readonly name: 'serve' } | { readonly name: 'migrate' } | { readonly name: 'import-config'; readonly file: string };

export interface CliArgs {
  readonly command: CliCommand;
  readonly configPath: string | undefined;
  readonly help: boolean;
}

export const usage = `llm-proxy: an LLM API gateway

Usage: llm-proxy [--config FILE]
       llm-proxy migrate                  apply the database migrations (DB_URL) and exit
       llm-proxy import-config FILE       copy FILE's providers, master_keys/credentials and models
                                          into the database (DB_URL); running it again changes nothing
  (from a clone: npm start -- migrate, npm start -- import-config config.yaml)

  --config FILE, -c FILE   config file (default: $CONFIG_PATH, else ./config.yaml, else the built-in demo)
  --help, -h               this text

Environment: PORT, HOST, CONFIG_PATH, LOG_LEVEL, VERIFY_SSL, PROVIDER_SUFFIX, OPENAI_API_KEY, ANTHROPIC_API_KEY,
DB_URL (postgres://... or pglite:PATH: DB mode, docs/storage.md), ADMIN_KEY (the Admin API's key in DB mode).`;

/** Throws an Error with a one-line message for an unknown or incomplete argument. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let configPath: string | undefined;
  let help = false;
  const positional: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    if (argument === '--help' || argument === '-h') help = true;
    else if (argument === '--config' || argument === '-c') {
      configPath = argv[index + 1];
      if (configPath === undefined || configPath.startsWith('-')) throw new Error(`${argument} needs a file name`);
      index += 1;
    } else if (argument.startsWith('--config=')) configPath = argument.slice('--config='.length);
    else if (argument.startsWith('-')) throw new Error(`unknown argument: ${argument}`);
    else positional.push(argument);
  }
  return { command: parseCommand(positional), configPath, help };
}

function parseCommand(positional: readonly string[]): CliCommand {
  const [name, ...rest] = positional;
  if (name === undefined) return { name: 'serve' };
  if (name === 'serve' && rest.length === 0) return { name: 'serve' };
  if (name === 'migrate') {
    if (rest.length > 0) throw new Error(`migrate takes no arguments, got: ${rest.join(' ')}`);
    return { name: 'migrate' };
  }
  if (name === 'import-config') {
    const [file, ...extra] = rest;
    if (file === undefined || extra.length > 0) throw new Error('import-config needs exactly one file: llm-proxy import-config config.yaml');
    return { name: 'import-config', file };
  }
  throw new Error(`unknown argument: ${name}`);
}
