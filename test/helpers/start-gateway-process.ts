import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';

const mainPath = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
/** What `npm start` runs: scripts/build.mjs's bundle (build it first: `node scripts/build.mjs`). */
const builtMainPath = fileURLToPath(new URL('../../dist/main.mjs', import.meta.url));
/**
 * `--import tsx` resolves tsx from the child's cwd, which is a temp dir without node_modules; the loader's
 * absolute URL (`<repo>/node_modules/tsx/dist/loader.mjs`) works from anywhere.
 */
const tsxLoader = import.meta.resolve('tsx');
const exitWithParent = new URL('./exit-with-parent.mjs', import.meta.url).href;

/** Variables that change which config the gateway picks or how it runs; tests set them explicitly. */
const controlledVariables = [
  'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
  'OPENAI_BASE_URL',
  'ANTHROPIC_BASE_URL',
  'CONFIG_PATH',
  'PORT',
  'HOST',
  'LOG_LEVEL',
  'VERIFY_SSL',
  'PROVIDER_SUFFIX',
  'BODY_LIMIT',
  'NODE_OPTIONS',
  'NODE_TEST_CONTEXT',
];

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface GatewayProcessRun {
  readonly child: ChildProcess;
  /** Resolves once the process has exited and its output pipes are drained. */
  readonly exited: Promise<ProcessExit>;
  stdout(): string;
  stderr(): string;
  /** stdout parsed as pino JSON lines (non-JSON lines are skipped). */
  logLines(): Record<string, unknown>[];
}

export interface GatewayProcess extends GatewayProcessRun {
  /** `http://127.0.0.1:<port>` (or the host given in `env.HOST`). */
  readonly url: string;
  readonly port: number;
  /** Sends SIGTERM and waits for the exit. */
  stop(): Promise<ProcessExit>;
}

export interface RunGatewayOptions {
  /** Arguments after `src/main.ts`. */
  readonly args?: readonly string[];
  /** Added to the cleaned copy of process.env. */
  readonly env?: Readonly<Record<string, string>>;
  /** The child's working directory; default a fresh temp dir, removed after the test. */
  readonly cwd?: string;
  /** `source` (default): src/main.ts through tsx; `built`: dist/main.mjs as `npm start` runs it. */
  readonly entry?: 'source' | 'built';
}

/** A fresh temp dir removed after the test. */
export function makeTempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'llm-proxy-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it; the listener is closed again). */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Spawns the real entry point, `node --import tsx src/main.ts ...args` (or, with `entry: 'built'`,
 * `node --enable-source-maps dist/main.mjs ...args`, as `npm start` does), with a controlled environment.
 * The process is killed (SIGKILL) after the test if it is still running, and kills itself if the test
 * process dies first (exit-with-parent.mjs).
 */
export function runGatewayProcess(t: TestContext, options: RunGatewayOptions = {}): GatewayProcessRun {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !controlledVariables.includes(name)) env[name] = value;
  }
  Object.assign(env, options.env ?? {});
  const cwd = options.cwd ?? makeTempDir(t);
  // The bundle runs without tsx, as `npm start` runs it; exit-with-parent.mjs is plain JavaScript for that.
  const entry = options.entry === 'built' ? ['--enable-source-maps', builtMainPath] : ['--import', tsxLoader, mainPath];
  const child = spawn(process.execPath, ['--import', exitWithParent, ...entry, ...(options.args ?? [])], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  // 'close' (not 'exit'): fires after the pipes are drained, so the output is complete.
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  return {
    child,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    logLines: () =>
      stdout.split('\n').flatMap((line) => {
        try {
          const value: unknown = JSON.parse(line);
          return typeof value === 'object' && value !== null ? [value as Record<string, unknown>] : [];
        } catch {
          return [];
        }
      }),
  };
}

/**
 * Spawns the gateway on a free port (`PORT`, `HOST=127.0.0.1` unless `env` says otherwise) and waits until
 * `GET /health` answers 200. Retries with another port if the chosen one was taken in the meantime.
 */
export async function startGatewayProcess(t: TestContext, options: RunGatewayOptions = {}): Promise<GatewayProcess> {
  for (let attempt = 1; ; attempt += 1) {
    const port = options.env?.['PORT'] === undefined ? await findFreePort() : Number(options.env['PORT']);
    const host = options.env?.['HOST'] ?? '127.0.0.1';
    const run = runGatewayProcess(t, { ...options, env: { HOST: host, ...options.env, PORT: String(port) } });
    const url = `http://${host}:${port}`;
    const ready = await waitForHealth(url, run);
    if (ready) {
      return {
        ...run,
        url,
        port,
        async stop() {
          run.child.kill('SIGTERM');
          return run.exited;
        },
      };
    }
    const exit = await run.exited;
    if (attempt < 3 && run.stderr().includes('EADDRINUSE') && options.env?.['PORT'] === undefined) continue;
    throw new Error(`the gateway did not become ready (exit ${JSON.stringify(exit)})\nstdout:\n${run.stdout()}\nstderr:\n${run.stderr()}`);
  }
}

/** true once /health answers 200; false if the process exits first. Throws after `timeoutMs`. */
async function waitForHealth(url: string, run: GatewayProcessRun, timeoutMs = 15_000): Promise<boolean> {
  let exited = false;
  void run.exited.then(() => {
    exited = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (!exited) {
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.status === 200) return true;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      run.child.kill('SIGKILL');
      throw new Error(`GET ${url}/health did not answer 200 within ${timeoutMs} ms\nstderr:\n${run.stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
