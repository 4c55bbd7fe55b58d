/**
 * Issue 14's low items, on both stores: a SQLite path that cannot be opened is a permanent
 * error, `start()` on a closed provider fails instead of warning forever, and an accepted start
 * whose orchestration no runtime has yet runs once one registers it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Client, ProviderError, Runtime, SqliteProvider } from '../../src/index.js';
import { uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS, testStore } from '../helpers/test-store.js';

test('opening a directory as SQLite is a permanent ProviderError that names the path', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'duroxide-dir-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await assert.rejects(
    SqliteProvider.open(`sqlite:${dir}`),
    (e: unknown) =>
      e instanceof ProviderError &&
      !e.retryable &&
      e.message.includes(`cannot open '${dir}' as a SQLite database`),
  );
});

for (const kind of STORE_KINDS) {
  describe(`runtime start checks (${kind})`, () => {
    test('start() on a closed provider fails with its permanent error', async (t) => {
      const store = await testStore(t, kind);
      const provider = await store.open();
      await provider.close();
      const runtime = new Runtime(provider, { logLevel: 'off' });
      await assert.rejects(
        runtime.start(),
        (e: unknown) => e instanceof ProviderError && !e.retryable && /closed/.test(e.message),
      );
    });

    test('a start no runtime can run yet completes once a runtime registers its orchestration', async (t) => {
      const store = await testStore(t, kind);
      const client = new Client(await store.open());
      const id = uid('pending');
      await client.startOrchestration(id, 'LateFlow', 21);
      const runtime = new Runtime(await store.open(), { logLevel: 'off' });
      runtime.registerOrchestration('LateFlow', async (_ctx, n: number) => n * 2);
      await runtime.start();
      t.after(() => runtime.shutdown(2000));
      const done = await client.waitForOrchestration(id, 20_000);
      assert.equal(done.status, 'Completed');
      assert.equal(done.output, 42);
    });
  });
}
