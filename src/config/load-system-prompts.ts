import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from './config-error.ts';
import type { ProxyConfig } from './gateway-config-schema.ts';

/**
 * `proxy.system_prompts_dir/<model>.txt` -> model -> prompt text (trailing whitespace trimmed; empty files
 * ignored), read once per config load or reload. Disabled injection reads nothing; an enabled one with a
 * missing directory is a config error, not a silent no-op.
 */
export function loadSystemPrompts(proxy: ProxyConfig, workingDirectory = process.cwd()): ReadonlyMap<string, string> {
  const prompts = new Map<string, string>();
  if (!proxy.enable_system_prompt) return prompts;
  const directory = resolve(workingDirectory, proxy.system_prompts_dir);
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch (error) {
    throw new ConfigError('proxy', [`proxy.system_prompts_dir: cannot read directory "${directory}" (${(error as NodeJS.ErrnoException).code ?? 'error'})`], {
      cause: error,
    });
  }
  for (const name of names) {
    if (!name.endsWith('.txt')) continue;
    const text = readFileSync(join(directory, name), 'utf8').trimEnd();
    if (text !== '') prompts.set(name.slice(0, -'.txt'.length), text);
  }
  return prompts;
}
