import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
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

/** The environment variable the custom provider reads its key from (`env_key`). */
const keyVariable = 'LLM_PROXY_AGENT_TEST_KEY';

/**
 * `codex exec PROMPT` with a fresh CODEX_HOME whose config.toml defines the gateway as a custom provider
 * (`wire_api = "responses"`, the only one Codex accepts; it ignores OPENAI_BASE_URL), offline switches on,
 * no retries (a gateway error shows up at once), and commands run without approval or sandbox: the test
 * machine is the sandbox, and the only command is the scripted `echo`.
 */
export async function runCodex(options: CodexOptions): Promise<AgentCliRun> {
  const root = await mkdtemp(join(tmpdir(), 'llm-proxy-codex-'));
  try {
    const codexHome = join(root, 'codex-home');
    const workdir = join(root, 'work');
    await mkdir(codexHome);
    await mkdir(workdir);
    await writeFile(join(codexHome, 'config.toml'), codexConfig(options));
    return await runAgentCli({
      launcher: codexLauncher,
      args: ['exec', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox', '--ephemeral', '--color', 'never', options.prompt],
      env: { HOME: root, CODEX_HOME: codexHome, [keyVariable]: options.apiKey },
      cwd: workdir,
      timeoutMs: options.timeoutMs ?? 90_000,
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
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
