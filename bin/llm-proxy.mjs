#!/usr/bin/env node
// The `llm-proxy` command: src/main.ts through tsx's loader (Node 20 has no TypeScript type stripping),
// the same as `npm start --`. `llm-proxy migrate`, `llm-proxy import-config config.yaml`, `llm-proxy --help`.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
