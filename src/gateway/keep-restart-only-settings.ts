import { isDeepStrictEqual } from 'node:util';
import type { GatewayConfig } from '../config/gateway-config-schema.ts';

/**
 * Settings read once at start by objects that outlive a config version (the listening socket, the
 * concurrency gate and per-backend counter, the Redis client, the logger and its files, the metrics): a reload keeps
 * their running values and names each one that changed, so the log says a restart is needed
 * (docs/configuration.md "Reloading"). Everything else is read from the snapshot and reloads.
 */
const restartOnlyServerSettings = ['host', 'port'] as const;
const restartOnlySections: readonly string[] = ['concurrency', 'redis', 'logging', 'metrics'];

export interface KeptSettings {
  /** `next` with every restart-only setting set back to its running value; frozen at the top. */
  readonly config: GatewayConfig;
  /** The restart-only settings `next` changes (`server.port`, `concurrency`, ...). */
  readonly needRestart: readonly string[];
}

export function keepRestartOnlySettings(running: GatewayConfig, next: GatewayConfig): KeptSettings {
  const needRestart: string[] = [];
  for (const setting of restartOnlyServerSettings) {
    if (running.server[setting] !== next.server[setting]) needRestart.push(`server.${setting}`);
  }
  const runningSections = running as unknown as Readonly<Record<string, unknown>>;
  const nextSections = next as unknown as Readonly<Record<string, unknown>>;
  for (const section of restartOnlySections) {
    if (!isDeepStrictEqual(runningSections[section], nextSections[section])) needRestart.push(section);
  }
  if (needRestart.length === 0) return { config: next, needRestart };
  const kept: Record<string, unknown> = { ...next, server: Object.freeze({ ...next.server, host: running.server.host, port: running.server.port }) };
  for (const section of restartOnlySections) kept[section] = runningSections[section];
  return { config: Object.freeze(kept) as unknown as GatewayConfig, needRestart };
}
