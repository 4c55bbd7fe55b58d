import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Client, SqliteProvider } from '../../../src/index.js';
import { PostgresProvider } from '../../../src/providers/postgres/postgres-provider.js';
import { eventually } from '../../helpers/eventually.js';
import { uid } from '../../helpers/runtime-harness.js';
import { STORE_KINDS, testStore, type StoreKind } from '../../helpers/test-store.js';
import type { SentSpan, TracedChildMessage } from '../../helpers/traced-runtime-process.js';

const ENTRY = fileURLToPath(new URL('../../helpers/traced-runtime-process.js', import.meta.url));

/** Starts a traced runtime process of `role` on the store; its spans are pushed to `spans`. */
async function spawnTraced(
  t: TestContext,
  role: 'parent' | 'child',
  storeEnv: Record<string, string>,
  spans: SentSpan[],
): Promise<ChildProcess> {
  const child = fork(ENTRY, [], {
    env: { ...process.env, ...storeEnv, DUROXIDE_TP_ROLE: role },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  t.after(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  });
  await new Promise<void>((resolve, reject) => {
    child.on('message', (m: TracedChildMessage) => {
      if (m.type === 'ready') resolve();
      else if (m.type === 'span') spans.push(m.span);
      else reject(new Error(`${role} process failed: ${m.message}`));
    });
    child.once('exit', (code) => reject(new Error(`${role} process exited (${code}): ${stderr}`)));
  });
  return child;
}

async function storeEnv(t: TestContext, kind: StoreKind): Promise<Record<string, string>> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'duroxide-traced-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    return { DUROXIDE_TP_DB: join(dir, 'store.db') };
  }
  const store = await testStore(t, 'postgres');
  // Creates the schema once, before two processes race to migrate it.
  await store.open();
  return { DUROXIDE_TP_PG_URL: store.url, DUROXIDE_TP_PG_SCHEMA: store.schema ?? '' };
}

for (const kind of STORE_KINDS) {
  describe(`a trace across two runtime processes on ${kind}`, () => {
    test('a sub-orchestration run by another process continues the parent turn span, and its activity its own turn', async (t) => {
      const env = await storeEnv(t, kind);
      const spans: SentSpan[] = [];
      const parentProcess = await spawnTraced(t, 'parent', env, spans);
      const childProcess = await spawnTraced(t, 'child', env, spans);
      const provider =
        kind === 'sqlite'
          ? await SqliteProvider.open(`sqlite:${env['DUROXIDE_TP_DB']}`)
          : await PostgresProvider.connectWithSchema(
              env['DUROXIDE_TP_PG_URL'] ?? '',
              env['DUROXIDE_TP_PG_SCHEMA'] ?? '',
            );
      t.after(() => provider.close());
      const client = new Client(provider);
      const id = uid('traced');
      await client.startOrchestration(id, 'TracedParent', 4);
      assert.equal((await client.waitForOrchestration(id, 20_000)).output, 40);
      const byName = (name: string) => spans.filter((s) => s.name === name);
      await eventually('both execution spans', () =>
        byName('orchestration TracedParent').length === 1 &&
        byName('orchestration TracedChild').length === 1
          ? true
          : undefined,
      );
      const parentExec = byName('orchestration TracedParent')[0]!;
      const childExec = byName('orchestration TracedChild')[0]!;
      assert.equal(parentExec.pid, parentProcess.pid);
      assert.equal(childExec.pid, childProcess.pid);
      const traceIds = new Set(
        spans
          .filter((s) => s.attributes['duroxide.instance_id']?.toString().startsWith(id))
          .map((s) => s.traceId),
      );
      assert.deepEqual([...traceIds], [parentExec.traceId], 'one trace');
      const parentTurns = byName('turn TracedParent');
      assert.ok(parentTurns.every((s) => s.parentSpanId === parentExec.spanId));
      assert.ok(
        parentTurns.some((s) => s.spanId === childExec.parentSpanId),
        'the child execution is a child of the parent turn that scheduled it',
      );
      const childTurns = byName('turn TracedChild');
      const work = byName('activity TracedWork');
      assert.equal(work.length, 1);
      assert.ok(childTurns.some((s) => s.spanId === work[0]!.parentSpanId));
    });
  });
}
