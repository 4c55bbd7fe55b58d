/**
 * Throwaway PostgreSQL schemas for one test file (kept apart from postgres-cluster.ts, which the
 * benchmarks import too, so that only tests load node:test).
 * @module
 */
import { after, before } from 'node:test';
import { dropSchema, postgresServer, uniqueSchemaName } from './postgres-cluster.js';

/**
 * For a test file on throwaway schemas of the shared server: registers a `before` hook that
 * starts (or reaches) the server and an `after` hook that drops every schema `schema()` handed
 * out. `url()` is the server's URL once `before` has run.
 */
export function freshSchemas(): { url(): string; schema(prefix: string): string } {
  let url = '';
  const created: string[] = [];
  before(async () => {
    url = (await postgresServer()).url;
  });
  after(async () => {
    for (const schema of created) await dropSchema(url, schema);
  });
  return {
    url: () => url,
    schema: (prefix) => {
      const schema = uniqueSchemaName(prefix);
      created.push(schema);
      return schema;
    },
  };
}
