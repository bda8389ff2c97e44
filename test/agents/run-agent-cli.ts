import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Where `npm ci --prefix tools/agents` puts the two CLIs (scripts/run-agent-tests.mjs installs them). */
const agentModules = fileURLToPath(new URL('../../tools/agents/node_modules/', import.meta.url));

/**
 * Both CLIs are started through their npm package's Node launcher, which finds the platform binary from the
 * optional dependency that npm installed (`@anthropic-ai/claude-code-linux-x64`, `@openai/codex-linux-x64`).
 * Claude Code's launcher works even when npm skipped its postinstall (which only copies the binary over
 * `bin/claude.exe`).
 */
export const claudeCodeLauncher = `${agentModules}@anthropic-ai/claude-code/cli-wrapper.cjs`;
export const codexLauncher = `${agentModules}@openai/codex/bin/codex.js`;

export interface AgentCliRun {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

export interface AgentCliOptions {
  readonly launcher: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly timeoutMs: number;
}

/**
 * Runs a CLI launcher with Node, stdin closed, in its own process group, so that on timeout the whole group
 * (the launcher and the native binary it spawned, plus any shell the agent started) is killed.
 */
export function runAgentCli(options: AgentCliOptions): Promise<AgentCliRun> {
  const startedAt = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.launcher, ...options.args], {
      cwd: options.cwd,
      env: { ...minimalEnvironment(), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      // A tool the agent started in the background must not outlive the run.
      killGroup();
      resolve({ exitCode, signal, timedOut, stdout, stderr, durationMs: Date.now() - startedAt });
    });
  });
}

/**
 * The CLIs get PATH, locale and terminal basics only: no API keys, proxies or agent settings leak in from
 * the developer's or CI's environment.
 */
function minimalEnvironment(): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ['PATH', 'LANG', 'LC_ALL', 'TZ', 'SHELL']) {
    const value = process.env[name];
    if (value !== undefined) kept[name] = value;
  }
  return { TERM: 'dumb', NO_COLOR: '1', ...kept };
}

/** The run as one block of text, for assertion messages. */
export function describeRun(run: AgentCliRun): string {
  const status = run.timedOut ? 'timed out (killed)' : `exit ${run.exitCode ?? 'none'}${run.signal === null ? '' : ` signal ${run.signal}`}`;
  return `${status} after ${run.durationMs} ms\n--- stdout ---\n${tail(run.stdout)}\n--- stderr ---\n${tail(run.stderr)}`;
}

function tail(text: string, limit = 4000): string {
  return text.length <= limit ? text : `…${text.slice(-limit)}`;
}
