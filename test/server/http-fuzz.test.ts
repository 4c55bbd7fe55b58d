/**
 * Property: request bodies and query strings thrown at the management API's routes are answered
 * with a 2xx or a 4xx `application/problem+json` — never a 500 (SQLite store; the routes are the
 * same on both).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { startManagementHarness } from '../helpers/management-harness.js';

const ROUTES = [
  ['POST', '/api/v1/instances'],
  ['POST', '/api/v1/instances/fz-1/events'],
  ['POST', '/api/v1/instances/fz-1/queue'],
  ['POST', '/api/v1/instances/fz-1/cancel'],
  ['POST', '/api/v1/bulk'],
  ['PUT', '/api/v1/version-policies/Echo'],
] as const;

const body = fc.oneof(
  fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)),
  fc
    .record(
      {
        instanceId: fc.oneof(fc.string(), fc.constant('\uD800'), fc.integer()),
        orchestrationName: fc.oneof(fc.constantFrom('Echo', 'Nope'), fc.string()),
        name: fc.string(),
        input: fc.jsonValue({ maxDepth: 3 }),
        data: fc.jsonValue({ maxDepth: 3 }),
        version: fc.oneof(fc.constantFrom('1.0.0', 'x'), fc.string()),
        action: fc.constantFrom('cancel', 'delete', 'raise', 'bogus'),
        policy: fc.jsonValue({ maxDepth: 2 }),
        dryRun: fc.oneof(fc.boolean(), fc.string()),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('', '{', '[]', 'null', '{"instanceId":"a","orchestrationName":"Echo"}'),
);
const query = fc.oneof(
  fc.constant(''),
  fc
    .dictionary(
      fc.constantFrom('limit', 'cursor', 'status', 'name', 'x'),
      fc.string({ maxLength: 10 }),
    )
    .map((d) => `?${new URLSearchParams(d).toString()}`),
);

test('fuzzed request bodies and queries get 2xx or 4xx problem+json, never 500', async (t) => {
  const h = await startManagementHarness(t, 'sqlite');
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...ROUTES),
      body,
      fc.constantFrom('application/json', 'text/plain'),
      async ([method, path], raw, contentType) => {
        const res = await h.api(method, path, { rawBody: raw, contentType });
        assert.ok(
          res.status < 500,
          `${method} ${path} ${raw} -> ${res.status} ${JSON.stringify(res.body)}`,
        );
        if (res.status >= 400) assert.match(res.contentType, /application\/problem\+json/);
      },
    ),
    { numRuns: 250, seed: 14 },
  );
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(
        '/api/v1/instances',
        '/api/v1/poisoned',
        '/api/v1/audit',
        '/api/v1/instances/fz-1/history',
      ),
      query,
      async (path, q) => {
        const res = await h.api('GET', `${path}${q}`);
        assert.ok(res.status < 500, `GET ${path}${q} -> ${res.status} ${JSON.stringify(res.body)}`);
      },
    ),
    { numRuns: 150, seed: 14 },
  );
});
