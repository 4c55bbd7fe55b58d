/**
 * The `duroxide` CLI end to end as child processes (the tsc build of src/cli/main.ts): on a
 * store directly (SQLite and PostgreSQL) and through a management server with API keys;
 * `-o json` output parsed; exit codes as docs/cli.md lists them.
 */
/* eslint-disable @typescript-eslint/no-unsafe-call -- JSON output under test is navigated freely */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createApiKey } from '../../src/index.js';
import { startManagementHarness } from '../helpers/management-harness.js';
import { CLI, runCli } from '../helpers/cli-run.js';
import { uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS, testStore } from '../helpers/test-store.js';

const cli = runCli;

for (const kind of STORE_KINDS) {
  describe(`duroxide CLI on a ${kind} store`, () => {
    test(`lists, inspects and acts on instances directly on a ${kind} store`, async (t) => {
      const h = await startManagementHarness(t, kind);
      const id = uid('cli');
      const started = await cli([
        'instances',
        'start',
        'Echo',
        '--id',
        id,
        '--input',
        '{"n":1}',
        ...h.storeArgs,
      ]);
      assert.equal(started.code, 0, started.stderr);
      assert.deepEqual(started.json, { instanceId: id, accepted: true });
      await h.client.waitForOrchestration(id, 10_000);

      const list = await cli(['instances', 'list', '--name', 'Echo', ...h.storeArgs]);
      assert.equal(list.code, 0, list.stderr);
      assert.deepEqual(
        list.json,
        JSON.parse(JSON.stringify(await h.client.queryInstances({ name: 'Echo' }))),
      );
      const detail = await cli(['instances', 'get', id, ...h.storeArgs]);
      assert.equal(detail.json.instance.status, 'Completed');
      assert.equal(detail.json.executions[0].orchestrationVersion, '1.0.0');
      const history = await cli(['instances', 'history', id, '--limit', '2', ...h.storeArgs]);
      assert.equal(history.json.items.length, 2);
      const timeline = await cli(['instances', 'timeline', id, ...h.storeArgs]);
      assert.deepEqual(
        timeline.json.items.map((x: { kind: string; outcome: string }) => [x.kind, x.outcome]),
        [['activity', 'completed']],
      );
      const exported = await cli(['instances', 'export', id, ...h.storeArgs]);
      assert.equal(exported.code, 0, exported.stderr);
      const lines = exported.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { executionId: number; kind: string });
      assert.equal(lines[0]?.kind, 'OrchestrationStarted');
      assert.ok(lines.every((l) => l.executionId === 1));
      assert.deepEqual(
        (await cli(['activities', ...h.storeArgs])).json.items.map((a: { name: string }) => a.name),
        ['Double'],
      );
      assert.deepEqual(
        (await cli(['upgrades', '--name', 'Echo', '--version', '1.0.0', ...h.storeArgs])).json,
        { items: [], nextCursor: null },
      );
      const versions = await cli(['versions', ...h.storeArgs]);
      assert.ok(
        versions.json.items.some(
          (s: { orchestrationName: string }) => s.orchestrationName === 'Echo',
        ),
      );
      const table = await cli([
        'instances',
        'list',
        '--name',
        'Echo',
        '-o',
        'table',
        ...h.storeArgs,
      ]);
      assert.match(table.stdout, new RegExp(`instanceId .*\\n${id} +Echo +1\\.0\\.0 +Completed`));

      const dry = await cli(['bulk', 'delete', '--name', 'Echo', '--dry-run', ...h.storeArgs]);
      assert.equal(dry.code, 0, dry.stderr);
      assert.deepEqual(dry.json.instanceIds, [id]);
      assert.equal(
        (await cli(['bulk', 'delete', '--name', 'Echo', ...h.storeArgs])).code,
        2,
        'asks first',
      );
      const missing = await cli(['instances', 'get', 'no-such-instance', ...h.storeArgs]);
      assert.equal(missing.code, 3);
      assert.match(missing.stderr, /INSTANCE_NOT_FOUND/);
      const unconfirmed = await cli(['instances', 'delete', id, ...h.storeArgs]);
      assert.equal(unconfirmed.code, 2);
      assert.match(unconfirmed.stderr, /--yes/);
      assert.equal((await h.client.getStatus(id)).status, 'Completed');
      const deleted = await cli(['instances', 'delete', id, '--yes', ...h.storeArgs]);
      assert.equal(deleted.code, 0, deleted.stderr);
      assert.equal(deleted.json.instancesDeleted, 1);
      assert.equal((await h.client.getStatus(id)).status, 'NotFound');
    });
  });
}

describe('duroxide replay-check', () => {
  test('passes when running histories replay on the registered code and exits 8 when they diverge', async (t) => {
    const h = await startManagementHarness(t, 'sqlite');
    const id = uid('replay');
    await h.client.startOrchestration(id, 'Waiter');
    for (let i = 0; i < 500 && (await h.client.getStatus(id)).status !== 'Running'; i++)
      await new Promise((r) => setTimeout(r, 20));
    const dir = mkdtempSync(join(tmpdir(), 'duroxide-replay-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const same = join(dir, 'same.mjs');
    writeFileSync(
      same,
      "export function register(runtime) { runtime.registerOrchestration('Waiter', async (ctx) => ctx.waitForEvent('go')); }\n",
    );
    const changed = join(dir, 'changed.mjs');
    writeFileSync(
      changed,
      "export default function (runtime) { runtime.registerOrchestration('Waiter', async (ctx) => { await ctx.scheduleTimer(10); return ctx.waitForEvent('go'); }); }\n",
    );

    const ok = await cli(['replay-check', '--register', same, '--instance', id, ...h.storeArgs]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.json.ok, 1);
    const diverged = await cli([
      'replay-check',
      '--register',
      changed,
      '--instance',
      id,
      ...h.storeArgs,
    ]);
    assert.equal(diverged.code, 8, diverged.stderr);
    assert.equal(diverged.json.diverged, 1);
    assert.equal(diverged.json.results[0].instanceId, id);
    const missing = await cli([
      'replay-check',
      '--register',
      join(dir, 'nope.mjs'),
      ...h.storeArgs,
    ]);
    assert.equal(missing.code, 2);
    assert.equal((await h.client.getStatus(id)).status, 'Running', 'the check changed nothing');
  });
});

describe('duroxide CLI against a management server', () => {
  test('talks to a server with the key from DUROXIDE_API_KEY and exits 5 when the role is too low', async (t) => {
    const admin = await createApiKey('ops', 'admin');
    const viewer = await createApiKey('watcher', 'viewer');
    const h = await startManagementHarness(t, 'sqlite', {
      auth: { keys: [admin.record, viewer.record] },
    });
    const asAdmin = { DUROXIDE_URL: h.server.url, DUROXIDE_API_KEY: admin.key };
    const id = uid('srv');

    assert.equal((await cli(['instances', 'start', 'Waiter', '--id', id], asAdmin)).code, 0);
    for (let i = 0; i < 500 && (await h.client.getStatus(id)).status !== 'Running'; i++)
      await new Promise((r) => setTimeout(r, 20));
    const raised = await cli(['instances', 'raise', id, 'go', '--data', '"now"'], asAdmin);
    assert.equal(raised.code, 0, raised.stderr);
    assert.equal((await h.client.waitForOrchestration(id, 10_000)).output, 'now');

    const set = await cli(['policy', 'set', 'Echo', 'pinned:1.0.0', '--reason', 'freeze'], asAdmin);
    assert.equal(set.code, 0, set.stderr);
    assert.equal(set.json.updatedBy, 'ops');
    assert.deepEqual((await cli(['policy', 'get', 'Echo'], asAdmin)).json.item.policy, {
      kind: 'pinned',
      version: '1.0.0',
    });
    const bad = await cli(['policy', 'set', 'Echo', 'pinned:9.9.9'], asAdmin);
    assert.equal(bad.code, 4);
    assert.match(bad.stderr, /VERSION_NOT_REGISTERED/);

    const denied = await cli(['policy', 'clear', 'Echo', '--yes'], {
      DUROXIDE_URL: h.server.url,
      DUROXIDE_API_KEY: viewer.key,
    });
    assert.equal(denied.code, 5);
    assert.match(denied.stderr, /PERMISSION_DENIED/);
    const anonymous = await cli(['nodes', '--url', h.server.url]);
    assert.equal(anonymous.code, 5);

    const nodes = await cli(['nodes'], asAdmin);
    assert.equal(nodes.json.items.length, 1);
    const audit = await cli(['audit', '--target', 'orchestration:Echo'], asAdmin);
    assert.equal(audit.json.items[0].action, 'version-policy.set');
    assert.equal(audit.json.items[0].actor, 'ops');
    assert.deepEqual((await cli(['upgrades'], asAdmin)).json, { items: [] });
    assert.equal((await cli(['metrics'], asAdmin)).json.completedInstances, 1);
  });

  test('exits 6 when the server cannot be reached and 2 on a bad command line', async () => {
    const unreachable = await cli(['metrics', '--url', 'http://127.0.0.1:1']);
    assert.equal(unreachable.code, 6);
    assert.match(unreachable.stderr, /cannot reach/);
    assert.equal((await cli(['instances', 'frobnicate'])).code, 2);
    assert.equal((await cli(['metrics'])).code, 2, 'no --url or --store');
    assert.equal(
      (await cli(['policy', 'set', 'Echo', 'sideways', '--url', 'http://127.0.0.1:1'])).code,
      2,
    );
    const version = await cli(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  });

  test('serves a store with keys created by `keys create` and stops on SIGTERM', async (t) => {
    const store = await testStore(t, 'sqlite');
    const created = await cli([
      'keys',
      'create',
      '--name',
      'robot',
      '--role',
      'viewer',
      '--expires-in-days',
      '1',
    ]);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.json.key, /^dxk_/);
    const refused = await cli(['serve', '--store', store.url, '--host', '0.0.0.0', '--port', '0']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /loopback/);

    const child = spawn(process.execPath, [CLI, 'serve', '--store', store.url, '--port', '0'], {
      env: { ...process.env, DUROXIDE_API_KEYS: JSON.stringify([created.json.record]) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    t.after(() => child.kill('SIGKILL'));
    const line = await new Promise<string>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (d: Buffer) => {
        buffer += d.toString();
        const end = buffer.indexOf('\n');
        if (end >= 0) resolve(buffer.slice(0, end));
      });
      child.on('close', (code) => reject(new Error(`serve exited early with ${String(code)}`)));
    });
    const { url } = JSON.parse(line) as { url: string };
    assert.equal((await fetch(`${url}/api/v1/metrics`)).status, 401);
    const ok = await fetch(`${url}/api/v1/settings`, {
      headers: { authorization: `Bearer ${created.json.key}` },
    });
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as { role: string }).role, 'viewer');
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
