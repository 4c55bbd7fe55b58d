/**
 * The short chaos run of `npm test` (the long one is `npm run chaos`): runtime processes on each
 * store, a mixed workload, SIGKILLs with restarts onto a new version, a PostgreSQL restart, a
 * held SQLite write lock and (as root) a full disk — then every instance is checked
 * (docs/reliability.md).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STORE_KINDS } from '../helpers/test-store.js';
import { runChaos } from './chaos-run.js';

for (const kind of STORE_KINDS) {
  test(`a short chaos run on ${kind} completes every instance exactly once`, async (t) => {
    const report = await runChaos(t, {
      kind,
      processes: 2,
      instances: 27,
      kills: 2,
      faultWindowMs: 6_000,
      seed: kind === 'sqlite' ? 14 : 41,
    });
    t.diagnostic(JSON.stringify(report));
    assert.deepEqual(report.failures, []);
    assert.equal(report.instances, 27);
    assert.equal(report.kills, 2);
  });
}
