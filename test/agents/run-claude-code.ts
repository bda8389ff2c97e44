import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AgentCliRun, claudeCodeLauncher, runAgentCli } from './run-agent-cli.ts';

export interface ClaudeCodeOptions {
  /** Without `/v1`: Claude Code appends `/v1/messages`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly prompt: string;
  readonly timeoutMs?: number;
}

/**
 * `claude -p PROMPT` with a fresh HOME and working folder, offline switches on and only the Bash tool
 * pre-approved. Its streaming-to-non-streaming fallback is off so that a broken stream fails the run
 * instead of being retried without streaming (docs/clients.md, Claude Code). No retries: a gateway
 * error shows up at once, with its body, in stdout.
 */
export async function runClaudeCode(options: ClaudeCodeOptions): Promise<AgentCliRun> {
  const root = await mkdtemp(join(tmpdir(), 'llm-proxy-claude-code-'));
  try {
    const home = join(root, 'home');
    const workdir = join(root, 'work');
    await mkdir(home);
    await mkdir(workdir);
    return await runAgentCli({
      launcher: claudeCodeLauncher,
      args: ['-p', options.prompt, '--output-format', 'text', '--allowedTools', 'Bash', '--no-session-persistence'],
      env: {
        HOME: home,
        ANTHROPIC_BASE_URL: options.baseUrl,
        ANTHROPIC_API_KEY: options.apiKey,
        CLAUDE_CODE_DISABLE_NONSTREAMING_FALLBACK: '1',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        CLAUDE_CODE_MAX_RETRIES: '0',
        DISABLE_AUTOUPDATER: '1',
      },
      cwd: workdir,
      timeoutMs: options.timeoutMs ?? 90_000,
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
