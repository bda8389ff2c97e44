import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { startTestGateway } from '../helpers/start-test-gateway.ts';
import { closeSharedPGlite, storeTestDatabases } from '../store/store-test-databases.ts';
import { describeAdminApi } from './admin-api-cases.ts';
import { testAdminKey } from './start-db-mode-test-gateway.ts';

after(closeSharedPGlite);

test('without DB mode the admin paths do not exist (404)', async (t) => {
  const gateway = await startTestGateway({ providers: [{ name: 'mock', type: 'mock' }] });
  t.after(() => gateway.shutdown());
  const response = await fetch(`${gateway.url}/admin/v1/providers`, { headers: { authorization: `Bearer ${testAdminKey}` } });
  assert.equal(response.status, 404);
  assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'GW_ERR_NOT_FOUND');
});

describeAdminApi(storeTestDatabases[0] as (typeof storeTestDatabases)[number]);
