import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeTempDir, runGatewayProcess } from '../helpers/start-gateway-process.ts';
import { runCommand, targets } from './store-command-targets.ts';

for (const target of targets) {
  describe(`llm-proxy migrate on ${target.name}`, () => {
    test('migrate applies the migrations; a second run applies nothing', async (t) => {
      const dir = makeTempDir(t);
      const { dbUrl } = await target.prepare(t, dir);
      const first = await runCommand(t, dir, dbUrl, ['migrate']);
      assert.equal(first.code, 0, first.output);
      assert.deepEqual(first.lines.find((line) => line['msg'] === 'database migrated')?.['applied'], [
        '0001-initial-schema',
        '0002-credential-tokens-per-minute',
        '0003-insertion-order',
      ]);
      // A child on PGlite spends seconds starting the engine: the second run is left to PostgreSQL here
      // (test/store/config-store.test.ts runs the migrations twice in-process on both).
      if (target.name === 'pglite') return;
      const second = await runCommand(t, dir, dbUrl, ['migrate']);
      assert.equal(second.code, 0, second.output);
      assert.deepEqual(second.lines.find((line) => line['msg'] === 'database already up to date')?.['applied'], []);
    });
  });
}

test('migrate without DB_URL says what is missing and exits 2', async (t) => {
  const run = runGatewayProcess(t, { args: ['migrate'] });
  const exit = await run.exited;
  assert.equal(exit.code, 2);
  assert.match(run.stdout(), /needs DB_URL/);
});
