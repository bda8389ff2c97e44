#!/usr/bin/env node
// The `llm-proxy` command: what `npm start --` runs, the compiled bundle dist/main.mjs with source maps on,
// rebuilt first when src/ is newer (scripts/prepare-bundle.mjs). Where the bundle cannot be written, it
// runs src/main.ts through tsx's loader instead, and says so on stderr.
// `llm-proxy migrate`, `llm-proxy import-config config.yaml`, `llm-proxy --help`.
import { prepareBundle } from '../scripts/prepare-bundle.mjs';

const entry = await prepareBundle();
if (entry.compiled) process.setSourceMapsEnabled(true);
else {
  process.stderr.write(`llm-proxy: running src/ through tsx (${entry.reason})\n`);
  const { register } = await import('tsx/esm/api');
  register();
}
await import(entry.url);
