/**
 * The replay check on PostgreSQL: the KV snapshot is read through the provider
 * (readKvSnapshot), so the same scenarios run here (replay-check-cases.ts). Each test gets its
 * own schema; every runtime and client has its own provider on it.
 */
import { after, before, describe, type TestContext } from 'node:test';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';
import { dropSchema, postgresServer, uniqueSchemaName } from '../helpers/postgres-cluster.js';
import { registerReplayCheckCases } from './replay-check-cases.js';

let url = '';
const schemas: string[] = [];
const byTest = new WeakMap<TestContext, string>();

before(async () => {
  url = (await postgresServer()).url;
});

after(async () => {
  for (const schema of schemas) await dropSchema(url, schema);
});

async function open(t: TestContext): Promise<PostgresProvider> {
  let schema = byTest.get(t);
  if (schema === undefined) {
    schema = uniqueSchemaName('replaycheck');
    schemas.push(schema);
    byTest.set(t, schema);
  }
  const provider = await PostgresProvider.connectWithSchema(url, schema);
  return provider;
}

describe('replay check (PostgreSQL)', () => {
  registerReplayCheckCases(open);
});
