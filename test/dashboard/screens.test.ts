/**
 * The dashboard against a real management server on real data (SQLite and PostgreSQL): every
 * screen renders without console errors, filters narrow the list and survive a reload, bulk
 * previews count matches, and an action changes state in the store.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually } from '../helpers/eventually.js';
import { startManagementHarness } from '../helpers/management-harness.js';
import { insertRawRow } from '../helpers/raw-queue-rows.js';
import { STORE_KINDS, type TestStore } from '../helpers/test-store.js';
import { launchBrowser, type Browser } from './browser.js';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

const SCREENS = [
  ['overview', '/', 'Overview'],
  ['instances', '/instances', 'Instances'],
  ['instance-detail', '/instances/echo-1', 'echo-1'],
  ['instance-history', '/instances/echo-1?tab=history', 'echo-1'],
  ['instance-timeline', '/instances/echo-1?tab=timeline', 'echo-1'],
  ['instance-executions', '/instances/counter-1?tab=executions', 'counter-1'],
  ['orchestrations', '/orchestrations', 'Orchestrations'],
  ['upgrades', '/upgrades', 'Upgrades'],
  ['nodes', '/nodes', 'Nodes'],
  ['queues', '/queues', 'Queues'],
  ['audit', '/audit', 'Audit log'],
  ['bulk-jobs', '/bulk', 'Bulk operations'],
  ['api-keys', '/keys', 'API keys'],
] as const;

for (const kind of STORE_KINDS) {
  test(`the dashboard on ${kind}`, async (t) => {
    const h = await startManagementHarness(t, kind);
    for (let i = 1; i <= 3; i++) await h.client.startOrchestration(`echo-${i}`, 'Echo', { i });
    await h.client.startOrchestration('waiter-1', 'Waiter');
    await h.client.startOrchestration('waiter-2', 'Waiter');
    await h.client.startOrchestration('failer-1', 'Failer');
    await h.client.startOrchestration('counter-1', 'Counter', 3);
    for (const id of ['echo-1', 'echo-2', 'echo-3', 'failer-1', 'counter-1']) {
      await h.client.waitForOrchestration(id, 10_000);
    }
    const url = h.server.url;
    const { page, errors, screenshot } = await browser.page();
    t.after(() => page.close());

    await t.test('every screen renders its data without console errors', async () => {
      for (const [name, path, heading] of SCREENS) {
        await page.goto(`${url}${path}`);
        await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
        await page.getByText('Loading…').first().waitFor({ state: 'detached' });
        await screenshot(`${kind}-${name}`);
      }
      await page.goto(`${url}/instances`);
      await page.locator('tr[data-instance="echo-2"]').waitFor();
      await page.goto(`${url}/instances/counter-1?tab=executions`);
      await page.locator('[data-testid="executions-chain"] li').nth(3).waitFor();
      assert.equal(await page.locator('[data-testid="executions-chain"] li').count(), 4);
      await page.goto(`${url}/orchestrations`);
      await page.locator('article[data-orchestration="Echo"]').waitFor();
      await page.goto(`${url}/nodes`);
      await page.getByText('Double').first().waitFor();
      await page.goto(`${url}/no/such/screen`);
      await page.getByRole('heading', { name: 'Not found' }).waitFor();
      assert.deepEqual(errors, []);
    });

    await t.test('a status chip narrows the list, and the filter survives a reload', async () => {
      await page.goto(`${url}/instances`);
      await page.locator('tr[data-instance="waiter-1"]').waitFor();
      const all = await page.locator('tbody tr').count();
      assert.ok(all >= 7, `${all} rows before filtering`);
      await page.locator('[data-chip="name:Echo"]').click();
      await page.waitForURL(/name=Echo/);
      await page.locator('tr[data-instance="waiter-1"]').waitFor({ state: 'detached' });
      assert.equal(await page.locator('tbody tr').count(), 3);
      await page.reload();
      await page.locator('tr[data-instance="echo-1"]').waitFor();
      assert.equal(await page.locator('tbody tr').count(), 3);
      assert.equal(
        await page.locator('[data-chip="name:Echo"]').getAttribute('aria-pressed'),
        'true',
      );
      await page.getByLabel('Instance id starts with').fill('echo-2');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/q=echo-2/);
      await page.locator('tr[data-instance="echo-1"]').waitFor({ state: 'detached' });
      assert.equal(await page.locator('tbody tr').count(), 1);
      assert.deepEqual(errors, []);
    });

    await t.test('a bulk dry run previews how many instances match the filters', async () => {
      await page.goto(`${url}/instances?status=Running&name=Waiter`);
      await page.locator('tr[data-instance="waiter-2"]').waitFor();
      await page.getByLabel('Bulk action', { exact: true }).selectOption('cancel');
      await page.getByRole('button', { name: 'Preview' }).click();
      const preview = page.getByTestId('bulk-preview');
      await preview.waitFor();
      assert.match((await preview.textContent()) ?? '', /^2 instance\(s\) match/);
      assert.equal((await h.client.getStatus('waiter-2')).status, 'Running');
      assert.deepEqual(errors, []);
    });

    await t.test(
      'raising an event from the instance page completes the waiting instance',
      async () => {
        await page.goto(`${url}/instances/waiter-1`);
        await page.getByRole('button', { name: 'Raise event…' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel('Event name').fill('go');
        await dialog.getByLabel('Data (JSON, optional)').fill('{"by":"the dashboard"}');
        await dialog.getByRole('button', { name: 'Raise event' }).click();
        await dialog.getByText('Event go raised.').waitFor();
        const done = await h.client.waitForOrchestration('waiter-1', 10_000);
        assert.equal(done.status, 'Completed');
        assert.deepEqual(done.output, { by: 'the dashboard' });
        await dialog.getByRole('button', { name: 'Close' }).click();
        await page.locator('.status', { hasText: 'Completed' }).first().waitFor();
        const audit = await h.client.listAuditLog({ target: 'instance:waiter-1' });
        assert.ok(
          audit.items.some((a) => a.action === 'instance.raise-event'),
          'the raise is audited',
        );
        assert.deepEqual(errors, []);
      },
    );

    await t.test(
      'a background bulk job from the instances page cancels the matching instances',
      async () => {
        await page.goto(`${url}/instances?status=Running&name=Waiter`);
        await page.locator('tr[data-instance="waiter-2"]').waitFor();
        await page.locator('tr[data-instance="waiter-1"]').waitFor({ state: 'detached' });
        await page.getByLabel('Bulk action', { exact: true }).selectOption('cancel');
        await page.getByLabel('on', { exact: true }).selectOption('filter');
        await page.getByRole('button', { name: 'Apply…' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel(/As a background job/).check();
        await dialog.getByRole('button', { name: 'Run cancel' }).click();
        await dialog.getByText(/Bulk job .* started/).waitFor();
        await dialog.getByRole('button', { name: 'Close' }).click();
        await page.waitForURL(/\/bulk\?job=/);
        const job = page.locator('article[data-job]').first();
        await job.locator('.status', { hasText: 'completed' }).waitFor({ timeout: 15_000 });
        assert.match((await job.textContent()) ?? '', /1 of 1 processed · 1 succeeded · 0 failed/);
        await eventually('waiter-2 to be cancelled', async () => {
          return (await h.client.getStatus('waiter-2')).status !== 'Running';
        });
        assert.deepEqual(errors, []);
      },
    );

    await t.test(
      'a queue row no fetch can process is listed under poisoned items and an operator prunes it',
      async () => {
        const [, storeUrl, , schema] = h.storeArgs;
        const store = {
          kind,
          url: storeUrl ?? '',
          ...(schema === undefined ? {} : { schema }),
        } as TestStore;
        await insertRawRow(store, {
          queue: 'orchestrator',
          instanceId: 'ui-bad-row',
          itemType: 'StartOrchestration',
          text: '{not a work item',
        });
        await eventually('the bad row to be quarantined', async () => {
          const page = await h.api('GET', '/api/v1/poisoned');
          return (page.body as { items: unknown[] }).items.length > 0;
        });
        await page.goto(`${url}/queues`);
        const row = page.locator('[data-testid="poisoned-table"] tr', { hasText: 'ui-bad-row' });
        await row.waitFor();
        assert.match((await row.textContent()) ?? '', /orchestrator/);
        await screenshot(`${kind}-queues-poisoned`);

        // An operator prunes them from the page, after a confirmation; the prune is audited.
        await page.getByRole('button', { name: 'Prune…' }).click();
        const dialog = page.getByRole('dialog', { name: 'Prune poisoned items' });
        await dialog.getByRole('combobox').selectOption({ label: 'all of them' });
        await dialog.getByRole('button', { name: 'Delete rows' }).click();
        await dialog
          .getByRole('status')
          .filter({ hasText: /Deleted \d+ quarantined row/ })
          .waitFor();
        await dialog.getByRole('button', { name: 'Close' }).click();
        await row.waitFor({ state: 'detached' });
        assert.deepEqual((await h.client.listPoisonedItems()).items, []);
        const audit = await h.client.listAuditLog({ target: 'poisoned-items:prune' });
        assert.equal(audit.items[0]?.action, 'poisoned.prune');
        assert.deepEqual(errors, []);
      },
    );

    await t.test('the layout works at a phone width of 375 px', async () => {
      const phone = await browser.page({ width: 375, height: 812 });
      t.after(() => phone.page.close());
      for (const [name, path] of [
        ['overview', '/'],
        ['instances', '/instances'],
        ['instance-detail', '/instances/counter-1'],
      ] as const) {
        await phone.page.goto(`${url}${path}`);
        await phone.page.locator('main h1').waitFor();
        await phone.page.getByText('Loading…').first().waitFor({ state: 'detached' });
        // Runs in the page (a string: this file is compiled without the DOM library).
        const overflow = await phone.page.evaluate<number>(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        );
        assert.ok(overflow <= 1, `${path} scrolls sideways by ${overflow}px at 375 px`);
        await phone.screenshot(`${kind}-phone-${name}`);
      }
      assert.deepEqual(phone.errors, []);
    });
  });
}
