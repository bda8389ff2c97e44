export interface CliArgs {
  readonly configPath: string | undefined;
  readonly help: boolean;
}

export const usage = `llm-proxy: an LLM API gateway

Usage: llm-proxy [--config FILE]

  --config FILE, -c FILE   config file (default: $CONFIG_PATH, else ./config.yaml, else the built-in demo)
  --help, -h               this text

Environment: PORT, HOST, CONFIG_PATH, LOG_LEVEL, VERIFY_SSL, PROVIDER_SUFFIX, OPENAI_API_KEY, ANTHROPIC_API_KEY.`;

/** Throws an Error with a one-line message for an unknown or incomplete argument. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let configPath: string | undefined;
  let help = false;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    if (argument === '--help' || argument === '-h') help = true;
    else if (argument === '--config' || argument === '-c') {
      configPath = argv[index + 1];
      if (configPath === undefined || configPath.startsWith('-')) throw new Error(`${argument} needs a file name`);
      index += 1;
    } else if (argument.startsWith('--config=')) configPath = argument.slice('--config='.length);
    else throw new Error(`unknown argument: ${argument}`);
  }
  return { configPath, help };
}
