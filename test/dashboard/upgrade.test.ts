/**
 * The dashboard's version views follow a real upgrade at continue-as-new (SQLite and
 * PostgreSQL): instances start on 1.0.0, a runtime with 1.0.1 takes over, an admin sets the
 * policy in the catalog, and the version badge, the executions chain and the upgrades view
 * show them move. A viewer key sees the same data and no mutation buttons.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  Client,
  Runtime,
  createApiKey,
  createManagementServer,
  type OrchestrationContext,
} from '../../src/index.js';
import { eventually } from '../helpers/eventually.js';
import { STORE_KINDS, testStore } from '../helpers/test-store.js';
import { launchBrowser, type Browser, type WatchedPage } from './browser.js';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

interface Round {
  readonly round: number;
  readonly waitsForEvent: boolean;
}

/** Looper: one round per execution — a short timer, or the event `next` — then continue-as-new. */
function registerLooper(runtime: Runtime, versions: readonly string[]): void {
  for (const version of versions) {
    runtime.registerOrchestrationVersioned(
      'Looper',
      version,
      async (ctx: OrchestrationContext, r: Round) => {
        if (r.waitsForEvent) await ctx.waitForEvent('next');
        else await ctx.scheduleTimer(200);
        return ctx.continueAsNew({ ...r, round: r.round + 1 });
      },
    );
  }
}

async function signIn(w: WatchedPage, url: string, key: string, role: string): Promise<void> {
  await w.page.goto(`${url}/`);
  await w.page.getByLabel('API key').fill(key);
  await w.page.getByRole('button', { name: 'Sign in' }).click();
  await w.page.getByTestId('role').filter({ hasText: role }).waitFor();
  // Chromium logs the 401 that made the dashboard ask for a key; that one is expected.
  assert.deepEqual(w.errors, [
    'Failed to load resource: the server responded with a status of 401 (Unauthorized)',
  ]);
  w.errors.length = 0;
}

for (const kind of STORE_KINDS) {
  test(`the dashboard follows an upgrade at continue-as-new on ${kind}`, async (t) => {
    const store = await testStore(t, kind);
    const client = new Client(await store.open());
    const before = new Runtime(await store.open(), { logLevel: 'off' });
    registerLooper(before, ['1.0.0']);
    await before.start();
    let isBeforeStopped = false;
    t.after(async () => {
      if (!isBeforeStopped) await before.shutdown(2000);
    });
    await client.setVersionPolicy('Looper', { kind: 'pinned', version: '1.0.0' });
    await client.startOrchestration('loop-fast', 'Looper', { round: 0, waitsForEvent: false });
    await client.startOrchestration('loop-slow', 'Looper', { round: 0, waitsForEvent: true });
    await eventually('loop-fast to continue as new on 1.0.0', async () => {
      const [i] = (await client.queryInstances({ idPrefix: 'loop-fast' })).items;
      return i !== undefined && i.currentExecutionId > 2;
    });
    // The deploy: a runtime with 1.0.0 and 1.0.1 replaces the old one.
    isBeforeStopped = true;
    await before.shutdown(2000);
    const runtime = new Runtime(await store.open(), { logLevel: 'off' });
    registerLooper(runtime, ['1.0.0', '1.0.1']);
    await runtime.start();
    const admin = await createApiKey('ops-admin', 'admin');
    const viewer = await createApiKey('ops-viewer', 'viewer');
    const server = await createManagementServer({
      client,
      auth: { keys: [admin.record, viewer.record] },
    }).listen({ port: 0 });
    t.after(async () => {
      await server.close();
      await runtime.shutdown(2000);
    });
    const url = server.url;
    const versionOf = async (id: string): Promise<string> =>
      (await client.getInstanceInfo(id)).orchestrationVersion;

    const w = await browser.page();
    t.after(() => w.page.close());
    const { page } = w;
    await signIn(w, url, admin.key, 'admin');

    await t.test('an admin sets the policy to 1.0.1 in the catalog', async () => {
      await page.goto(`${url}/instances/loop-slow`);
      const badge = page.getByTestId('version-badge');
      await badge.filter({ hasText: 'Looper@1.0.0' }).waitFor();
      assert.equal(await badge.getAttribute('data-outdated'), 'false');
      await page.goto(`${url}/orchestrations`);
      const looper = page.locator('article[data-orchestration="Looper"]');
      await looper.getByRole('button', { name: 'Set policy…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Policy', { exact: true }).selectOption('pinned');
      await dialog.getByLabel('Version', { exact: true }).fill('1.0.1');
      await dialog.getByLabel('Reason (recorded in the audit log)').fill('roll out 1.0.1');
      await dialog.getByRole('button', { name: 'Set policy' }).click();
      await dialog.getByText('Policy set.').waitFor();
      await dialog.getByRole('button', { name: 'Close' }).click();
      await looper.getByTestId('policy').filter({ hasText: 'pinned 1.0.1' }).waitFor();
      const audit = await client.listAuditLog({ target: 'orchestration:Looper' });
      assert.ok(audit.items.some((a) => a.actor === 'ops-admin' && a.reason === 'roll out 1.0.1'));
      assert.deepEqual(w.errors, []);
    });

    await t.test(
      'the upgrades view and the badge show an instance still on the old version',
      async () => {
        await eventually(
          'loop-fast to move to 1.0.1',
          async () => (await versionOf('loop-fast')) === '1.0.1',
        );
        assert.equal(await versionOf('loop-slow'), '1.0.0');
        await page.goto(`${url}/upgrades`);
        const looper = page.locator('article[data-upgrade="Looper"]');
        await looper
          .getByTestId('upgrade-progress')
          .filter({ hasText: '1 of 2 running instance(s) on 1.0.1' })
          .waitFor();
        await looper.getByRole('link', { name: 'loop-slow' }).waitFor();
        await w.screenshot(`${kind}-upgrades-in-progress`);
        await page.goto(`${url}/instances/loop-slow`);
        const badge = page.getByTestId('version-badge');
        await badge.filter({ hasText: 'policy: 1.0.1' }).waitFor();
        assert.equal(await badge.getAttribute('data-outdated'), 'true');
        await w.screenshot(`${kind}-instance-outdated`);
        assert.deepEqual(w.errors, []);
      },
    );

    await t.test('the executions chain marks where the instance moved to 1.0.1', async () => {
      await client.raiseEvent('loop-slow', 'next', null);
      await eventually(
        'loop-slow to move to 1.0.1',
        async () => (await versionOf('loop-slow')) === '1.0.1',
      );
      await page.goto(`${url}/instances/loop-slow?tab=executions`);
      const chain = page.getByTestId('executions-chain');
      const upgraded = chain.locator('li.upgrade');
      await upgraded.waitFor();
      assert.match((await upgraded.textContent()) ?? '', /upgraded 1\.0\.0 → 1\.0\.1/);
      assert.equal(await chain.locator('li').first().getAttribute('data-version'), '1.0.0');
      assert.equal(await chain.locator('li').last().getAttribute('data-version'), '1.0.1');
      await w.screenshot(`${kind}-executions-chain`);
      await page.goto(`${url}/upgrades`);
      await page.getByTestId('no-upgrades').waitFor();
      await page.getByTestId('safe-to-delete').getByText('Looper@1.0.0').waitFor();
      assert.deepEqual(w.errors, []);
    });

    await t.test('a viewer key sees the data and no mutation buttons', async () => {
      const v = await browser.page();
      t.after(() => v.page.close());
      await signIn(v, url, viewer.key, 'viewer');
      await v.page.goto(`${url}/instances`);
      await v.page.locator('tr[data-instance="loop-slow"]').waitFor();
      assert.equal(await v.page.locator('input[type="checkbox"]').count(), 0);
      assert.equal(await v.page.getByRole('region', { name: 'Bulk actions' }).count(), 0);
      await v.page.goto(`${url}/instances/loop-slow`);
      await v.page.getByTestId('version-badge').waitFor();
      assert.equal(await v.page.getByRole('group', { name: 'Actions' }).count(), 0);
      assert.equal(
        await v.page.getByRole('button', { name: /Cancel|Delete|Restart|Raise/ }).count(),
        0,
      );
      await v.page.goto(`${url}/orchestrations`);
      await v.page.locator('article[data-orchestration="Looper"]').waitFor();
      assert.equal(await v.page.getByRole('button', { name: /policy/i }).count(), 0);
      await v.page.goto(`${url}/upgrades`);
      await v.page.getByTestId('safe-to-delete').waitFor();
      assert.equal(await v.page.getByRole('button', { name: /Move/ }).count(), 0);
      await v.screenshot(`${kind}-viewer-instance`);
      assert.deepEqual(v.errors, []);
    });
  });
}
