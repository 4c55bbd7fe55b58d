/**
 * `POST /api/v1/bulk` on SQLite and PostgreSQL: dry runs count without changing anything;
 * actions apply per instance and report per-instance failures; one audit entry per call.
 */
/* eslint-disable @typescript-eslint/no-unsafe-call -- JSON bodies under test are navigated freely */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startManagementHarness } from '../helpers/management-harness.js';
import { uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS } from '../helpers/test-store.js';
for (const kind of STORE_KINDS) {
    describe(`bulk operations on ${kind}`, () => {
        test(`counts matches in a dry run, then raises and deletes by filter and ids on ${kind}`, async (t) => {
            const h = await startManagementHarness(t, kind);
            const prefix = `${uid('bulk')}-`;
            const ids = [0, 1, 2, 3, 4].map((i) => `${prefix}${i}`);
            for (const id of ids)
                await h.client.startOrchestration(id, 'Waiter');
            for (let i = 0; i < 500; i++) {
                const page = await h.client.queryInstances({ idPrefix: prefix, status: 'Running' });
                if (page.items.length === ids.length)
                    break;
                await new Promise((r) => setTimeout(r, 20));
            }
            const filter = { name: 'Waiter', idPrefix: prefix, status: 'Running' };
            const dry = await h.api('POST', '/api/v1/bulk', {
                body: { action: 'raise', eventName: 'go', filter, dryRun: true },
            });
            assert.equal(dry.status, 200, JSON.stringify(dry.body));
            assert.equal(dry.body.matched, 5);
            assert.equal(dry.body.succeeded, 0);
            assert.equal((await h.client.queryInstances({ idPrefix: prefix, status: 'Running' })).items.length, 5, 'a dry run changes nothing');
            const raised = await h.api('POST', '/api/v1/bulk', {
                body: { action: 'raise', eventName: 'go', data: 'bulk', filter, limit: 3 },
            });
            assert.equal(raised.body.matched, 3);
            assert.equal(raised.body.succeeded, 3);
            for (const id of raised.body.instanceIds)
                assert.equal((await h.client.waitForOrchestration(id, 10_000)).output, 'bulk');
            const deleted = await h.api('POST', '/api/v1/bulk', {
                body: {
                    action: 'delete',
                    instanceIds: [
                        ...raised.body.instanceIds,
                        ids.find((id) => !raised.body.instanceIds.includes(id)),
                        'no-such-instance',
                    ],
                },
            });
            assert.equal(deleted.body.matched, 5);
            assert.equal(deleted.body.succeeded, 3);
            assert.deepEqual(deleted.body.failed.map((f) => f.code).sort(), [
                'INSTANCE_NOT_FOUND',
                'INSTANCE_STILL_RUNNING',
            ]);
            for (const id of raised.body.instanceIds)
                assert.equal((await h.client.getStatus(id)).status, 'NotFound');
            const audit = await h.api('GET', '/api/v1/audit?target=instances%3Abulk');
            assert.deepEqual(audit.body.items.map((e) => [
                e.action,
                e.details.succeeded,
                e.details.failed,
            ]), [
                ['bulk.delete', 3, 2],
                ['bulk.raise', 3, 0],
            ]);
            const both = await h.api('POST', '/api/v1/bulk', {
                body: { action: 'cancel', filter, instanceIds: ids },
            });
            assert.equal(both.status, 400);
            const noEvent = await h.api('POST', '/api/v1/bulk', { body: { action: 'raise', filter } });
            assert.equal(noEvent.status, 400);
            const tooMany = await h.api('POST', '/api/v1/bulk', {
                body: { action: 'cancel', filter, limit: 5000 },
            });
            assert.equal(tooMany.status, 400);
            assert.equal((await h.client.queryInstances({ idPrefix: prefix, status: 'Running' })).items.length, 2, 'refused requests changed nothing');
        });
    });
}
//# sourceMappingURL=management-bulk.test.js.map