import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AgentCliRun, codexLauncher, runAgentCli } from './run-agent-cli.ts';

export interface CodexOptions {
  /** With `/v1`: Codex appends `/responses`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly model: string;
  readonly prompt: string;
  readonly timeoutMs?: number;
}

export interface CodexRun extends AgentCliRun {
  /** The regular files in the working folder after the run, by name (what apply_patch wrote). */
  readonly workdirFiles: ReadonlyMap<string, string>;
}

/** The environment variable the custom provider reads its key from (`env_key`). */
const keyVariable = 'LLM_PROXY_AGENT_TEST_KEY';

/**
 * `codex exec PROMPT` with a fresh CODEX_HOME whose config.toml defines the gateway as a custom provider
 * (`wire_api = "responses"`, the only one Codex accepts; it ignores OPENAI_BASE_URL), offline switches on,
 * no retries (a gateway error shows up at once), and commands run without approval or sandbox: the test
 * machine is the sandbox, and the only command is the scripted `echo`.
 */
export async function runCodex(options: CodexOptions): Promise<CodexRun> {
  const root = await mkdtemp(join(tmpdir(), 'llm-proxy-codex-'));
  try {
    const codexHome = join(root, 'codex-home');
    const workdir = join(root, 'work');
    await mkdir(codexHome);
    await mkdir(workdir);
    await writeFile(join(codexHome, 'config.toml'), codexConfig(options));
    const run = await runAgentCli({
      launcher: codexLauncher,
      args: ['exec', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox', '--ephemeral', '--color', 'never', options.prompt],
      env: { HOME: root, CODEX_HOME: codexHome, [keyVariable]: options.apiKey },
      cwd: workdir,
      timeoutMs: options.timeoutMs ?? 90_000,
    });
    return { ...run, workdirFiles: await readRegularFiles(workdir) };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function readRegularFiles(folder: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.isFile()) files.set(entry.name, await readFile(join(folder, entry.name), 'utf8'));
  }
  return files;
}

function codexConfig(options: CodexOptions): string {
  return [
    `model = ${JSON.stringify(options.model)}`,
    'model_provider = "gateway"',
    'check_for_update_on_startup = false',
    '',
    '[analytics]',
    'enabled = false',
    '',
    '[features]',
    'plugins = false',
    '',
    '[model_providers.gateway]',
    'name = "llm-proxy"',
    `base_url = ${JSON.stringify(options.baseUrl)}`,
    'wire_api = "responses"',
    `env_key = "${keyVariable}"`,
    'request_max_retries = 0',
    'stream_max_retries = 0',
    '',
  ].join('\n');
}
