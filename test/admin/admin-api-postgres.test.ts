import { test } from 'node:test';
import { storeTestDatabases } from '../store/store-test-databases.ts';
import { describeAdminApi } from './admin-api-cases.ts';

const postgres = storeTestDatabases.find((database) => database.name === 'postgres');
if (postgres === undefined) test('Admin API on PostgreSQL', { skip: 'TEST_DATABASE_URL is not set (the same tests ran on PGlite)' }, () => {});
else describeAdminApi(postgres);
