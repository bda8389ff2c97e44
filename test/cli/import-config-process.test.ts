import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { hashApiKey } from '../../src/auth/hash-api-key.ts';
import { makeTempDir } from '../helpers/start-gateway-process.ts';
import { configYaml, runCommand, targets } from './store-command-targets.ts';

// The real command line, once per database (each run of a child on PGlite costs seconds of engine start).
for (const target of targets) {
  test(`llm-proxy import-config config.yaml runs as a command (${target.name})`, async (t) => {
    const dir = makeTempDir(t);
    writeFileSync(join(dir, 'config.yaml'), configYaml);
    const { dbUrl, query } = await target.prepare(t, dir);
    const run = await runCommand(t, dir, dbUrl, ['import-config', 'config.yaml']);
    assert.equal(run.code, 0, run.output);
    assert.deepEqual(run.lines.find((line) => line['msg'] === 'config imported')?.['changed'], { providers: 2, credentials: 1, models: 1 });
    assert.ok(!run.output.includes('sk-imported-provider-key') && !run.output.includes('sk-prod-key-0123456789'), 'no key printed');
    const [credentials] = await query(['select key_hash from credentials']);
    assert.deepEqual(credentials, [{ key_hash: hashApiKey('sk-prod-key-0123456789') }]);
  });
}
