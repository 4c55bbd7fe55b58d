/**
 * The management API over HTTP, on SQLite and PostgreSQL: a real server on port 0 in front of
 * a running runtime, driven with fetch. Every endpoint answers with the Client's field names;
 * mutations are audited with the caller as actor.
 */
/* eslint-disable @typescript-eslint/no-unsafe-call -- JSON bodies under test are navigated freely */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startManagementHarness } from '../helpers/management-harness.js';
import { uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS } from '../helpers/test-store.js';
import { structuredEvent } from '../../src/server/history-views.js';
async function startAndWait(h, name, input) {
    const res = await h.api('POST', '/api/v1/instances', {
        body: { orchestrationName: name, instanceId: uid(name.toLowerCase()), input },
    });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    await h.client.waitForOrchestration(res.body.instanceId, 10_000);
    return res.body.instanceId;
}
/** Waits until a runtime has created the instance (a start is only enqueued). */
async function untilRunning(h, instanceId) {
    for (let i = 0; i < 500; i++) {
        if ((await h.client.getStatus(instanceId)).status === 'Running')
            return;
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.fail(`instance ${instanceId} never started`);
}
for (const kind of STORE_KINDS) {
    describe(`management API on ${kind}`, () => {
        test(`starts, lists, facets, details and pages the history of instances on ${kind}`, async (t) => {
            const h = await startManagementHarness(t, kind);
            const id = await startAndWait(h, 'Echo', { sku: 'x' });
            const second = await startAndWait(h, 'Echo', 2);
            const list = await h.api('GET', '/api/v1/instances?name=Echo&limit=1');
            assert.equal(list.status, 200);
            assert.equal(list.body.items.length, 1);
            assert.equal(list.body.items[0].instanceId, second);
            assert.equal(typeof list.body.nextCursor, 'string');
            const next = await h.api('GET', `/api/v1/instances?name=Echo&limit=1&cursor=${encodeURIComponent(list.body.nextCursor)}`);
            assert.deepEqual(next.body.items.map((i) => i.instanceId), [id]);
            assert.equal(next.body.nextCursor, null);
            assert.deepEqual(next.body, JSON.parse(JSON.stringify(await h.client.queryInstances({ name: 'Echo', limit: 1, cursor: list.body.nextCursor }))));
            const facets = await h.api('GET', '/api/v1/instance-facets?name=Echo&groupBy=status');
            assert.deepEqual(facets.body, { items: [{ key: 'Completed', count: 2 }] });
            const detail = await h.api('GET', `/api/v1/instances/${id}`);
            assert.equal(detail.status, 200);
            assert.equal(detail.body.instance.status, 'Completed');
            assert.deepEqual(detail.body.instance.output, { input: { sku: 'x' }, doubled: 42 });
            assert.deepEqual(detail.body.instance.customStatus, { phase: 'echoing' });
            assert.equal(detail.body.executionCount, 1);
            assert.deepEqual(detail.body.waitingOn, {
                activities: [],
                timers: [],
                events: [],
                queues: [],
                children: [],
            });
            const spans = await h.api('GET', `/api/v1/instances/${id}/timeline`);
            assert.deepEqual(spans.body.items.map((s) => [
                s.kind,
                s.name,
                s.outcome,
            ]), [['activity', 'Double', 'completed']]);
            assert.equal(detail.body.executions[0].orchestrationVersion, '1.0.0');
            assert.ok(detail.body.stats.historyEventCount > 2);
            const all = await h.client.readExecutionHistory(id, 1);
            const page1 = await h.api('GET', `/api/v1/instances/${id}/history?limit=2`);
            assert.equal(page1.body.items.length, 2);
            const page2 = await h.api('GET', `/api/v1/instances/${id}/history?limit=1000&cursor=${page1.body.nextCursor}`);
            assert.equal(page2.body.nextCursor, null);
            // The API returns each event's fields as an object (the Client, as duroxide-node, as JSON text).
            assert.deepEqual([...page1.body.items, ...page2.body.items], JSON.parse(JSON.stringify(all.map(structuredEvent))));
            const tree = await h.api('GET', `/api/v1/instances/${id}/tree`);
            assert.deepEqual(tree.body, { rootId: id, allIds: [id], size: 1 });
            const kv = await h.api('GET', `/api/v1/instances/${id}/kv`);
            assert.deepEqual(kv.body, { values: {} });
            const missing = await h.api('GET', '/api/v1/instances/no-such-instance');
            assert.equal(missing.status, 404);
            assert.equal(missing.contentType, 'application/problem+json');
            assert.equal(missing.body.code, 'INSTANCE_NOT_FOUND');
        });
        test(`raises, cancels, restarts, prunes and deletes instances and audits each as the caller on ${kind}`, async (t) => {
            const h = await startManagementHarness(t, kind);
            const waiter = uid('waiter');
            assert.equal((await h.api('POST', '/api/v1/instances', {
                body: { orchestrationName: 'Waiter', instanceId: waiter },
            })).status, 202);
            await untilRunning(h, waiter);
            const waiting = await h.api('GET', `/api/v1/instances/${waiter}`);
            assert.deepEqual(waiting.body.waitingOn.events.map((e) => e.name), ['go']);
            assert.deepEqual((await h.api('GET', `/api/v1/instances/${waiter}/timeline`)).body.items.map((s) => s.outcome), ['open']);
            const refused = await h.api('DELETE', `/api/v1/instances/${waiter}`);
            assert.equal(refused.status, 409);
            assert.equal(refused.body.code, 'INSTANCE_STILL_RUNNING');
            const raised = await h.api('POST', `/api/v1/instances/${waiter}/events`, {
                body: { eventName: 'go', data: { ok: 1 } },
            });
            assert.equal(raised.status, 202);
            assert.deepEqual((await h.client.waitForOrchestration(waiter, 10_000)).output, { ok: 1 });
            const cancelled = uid('cancelled');
            await h.api('POST', '/api/v1/instances', {
                body: { orchestrationName: 'Waiter', instanceId: cancelled },
            });
            await untilRunning(h, cancelled);
            assert.equal((await h.api('POST', `/api/v1/instances/${cancelled}/cancel`, { body: { reason: 'test' } }))
                .status, 202);
            const status = await h.client.waitForOrchestration(cancelled, 10_000);
            assert.equal(status.status, 'Failed');
            assert.match(String(status.error), /test/);
            const counter = await startAndWait(h, 'Counter', 3);
            assert.equal((await h.api('GET', `/api/v1/instances/${counter}`)).body.executionCount, 4);
            const exported = await fetch(`${h.server.url}/api/v1/instances/${counter}/export`);
            assert.equal(exported.headers.get('content-type'), 'application/x-ndjson');
            const lines = (await exported.text())
                .trimEnd()
                .split('\n')
                .map((l) => JSON.parse(l));
            assert.deepEqual([...new Set(lines.map((l) => l.executionId))], [1, 2, 3, 4]);
            assert.equal(lines.filter((l) => l.kind === 'OrchestrationContinuedAsNew').length, 3);
            const pruned = await h.api('POST', `/api/v1/instances/${counter}/prune`, {
                body: { keepLast: 2 },
            });
            assert.equal(pruned.status, 200);
            assert.equal(pruned.body.executionsDeleted, 2);
            const restarted = await h.api('POST', `/api/v1/instances/${counter}/restart`, {
                body: { input: 0, timeoutMs: 10_000 },
            });
            assert.equal(restarted.status, 200, JSON.stringify(restarted.body));
            assert.equal(restarted.body.outcome, 'restarted');
            const failer = await startAndWait(h, 'Failer', null);
            const resumed = await h.api('POST', `/api/v1/instances/${failer}/resume`, {
                body: { timeoutMs: 0 },
            });
            assert.equal(resumed.status, 202, JSON.stringify(resumed.body));
            assert.equal(resumed.body.outcome, 'queued');
            const deleted = await h.api('DELETE', `/api/v1/instances/${waiter}`);
            assert.equal(deleted.status, 200);
            assert.equal(deleted.body.instancesDeleted, 1);
            assert.equal((await h.client.getStatus(waiter)).status, 'NotFound');
            const audit = await h.api('GET', `/api/v1/audit?target=${encodeURIComponent(`instance:${waiter}`)}`);
            assert.deepEqual(audit.body.items.map((e) => [
                e.action,
                e.actor,
                e.details.result,
            ]), [
                ['instance.delete', 'local', 'ok'],
                ['instance.raise-event', 'local', 'ok'],
                ['instance.delete', 'local', 'error'],
                ['instance.start', 'local', 'ok'],
            ]);
            const restartAudit = await h.api('GET', `/api/v1/audit?target=${encodeURIComponent(`instance:${counter}`)}`);
            assert.ok(restartAudit.body.items.some((e) => e.action === 'instance.restart-requested' && e.actor === 'local'));
        });
        test(`shows nodes, policies, metrics, queues and the versions catalog on ${kind}`, async (t) => {
            const h = await startManagementHarness(t, kind);
            await startAndWait(h, 'Echo', 1);
            const nodes = await h.api('GET', '/api/v1/nodes');
            assert.equal(nodes.body.items.length, 1);
            assert.ok(nodes.body.items[0].orchestrations.some((o) => o.name === 'Echo'));
            assert.equal(nodes.body.items[0].isLive, true);
            const activities = await h.api('GET', '/api/v1/activities');
            assert.deepEqual(activities.body.items, [
                { name: 'Double', liveNodes: [nodes.body.items[0].nodeId] },
            ]);
            const set = await h.api('PUT', '/api/v1/orchestrations/Echo/policy', {
                body: { policy: { kind: 'pinned', version: '1.0.0' }, reason: 'hold' },
            });
            assert.equal(set.status, 200, JSON.stringify(set.body));
            assert.equal(set.body.updatedBy, 'local');
            assert.deepEqual((await h.api('GET', '/api/v1/orchestrations/Echo/policy')).body.item.policy, { kind: 'pinned', version: '1.0.0' });
            assert.equal((await h.api('GET', '/api/v1/policies')).body.items.length, 1);
            const unregistered = await h.api('PUT', '/api/v1/orchestrations/Echo/policy', {
                body: { policy: { kind: 'pinned', version: '9.0.0' } },
            });
            assert.equal(unregistered.status, 422);
            assert.equal(unregistered.body.code, 'VERSION_NOT_REGISTERED');
            const catalog = await h.api('GET', '/api/v1/orchestrations');
            const echo = catalog.body.items.find((s) => s.orchestrationName === 'Echo');
            assert.equal(echo.policy.policy.version, '1.0.0');
            assert.deepEqual(echo.versions[0].counts, { Completed: 1 });
            assert.equal(echo.versions[0].namedByPolicy, true);
            assert.equal(echo.versions[0].isSafeToDeleteCode, false);
            assert.equal((await h.api('DELETE', '/api/v1/orchestrations/Echo/policy?reason=done')).status, 200);
            assert.deepEqual((await h.api('GET', '/api/v1/orchestrations/Echo/policy')).body, {
                item: null,
            });
            assert.deepEqual((await h.api('GET', '/api/v1/upgrades')).body, { items: [] });
            const metrics = await h.api('GET', '/api/v1/metrics');
            assert.equal(metrics.body.totalInstances, 1);
            assert.equal(metrics.body.completedInstances, 1);
            const queues = await h.api('GET', '/api/v1/queues');
            assert.deepEqual(Object.keys(queues.body).sort(), [
                'orchestratorQueue',
                'timerQueue',
                'workerQueue',
            ]);
            assert.deepEqual((await h.api('GET', '/api/v1/healthz')).body, { status: 'ok' });
            assert.deepEqual((await h.api('GET', '/api/v1/readyz')).body, { status: 'ready' });
            const settings = await h.api('GET', '/api/v1/settings');
            assert.equal(settings.body.role, 'admin');
            assert.equal(settings.body.authMode, 'loopback');
        });
        test(`answers bad bodies and parameters with 400 problem+json and leaves the store unchanged on ${kind}`, async (t) => {
            const h = await startManagementHarness(t, kind, { maxBodyBytes: 4096 });
            const before = await h.client.getSystemMetrics();
            const cases = [
                [
                    'POST',
                    '/api/v1/instances',
                    { rawBody: 'orchestrationName=Echo', contentType: 'text/plain' },
                    415,
                ],
                ['POST', '/api/v1/instances', { rawBody: '[1,2]' }, 400],
                ['POST', '/api/v1/instances', { rawBody: 'null' }, 400],
                ['GET', '/api/v1/instances?limit=1&limit=2', {}, 400],
                ['GET', `/api/v1/instances/${'x'.repeat(300)}`, {}, 400],
                ['GET', '/api/v1/instances/x/history?executionId=0', {}, 400],
                ['POST', '/api/v1/instances', { body: { orchestrationName: 42 } }, 400],
                ['POST', '/api/v1/instances', { body: { orchestrationName: 'Echo', surprise: true } }, 400],
                ['POST', '/api/v1/instances', { rawBody: '{"orchestrationName": ' }, 400],
                [
                    'POST',
                    '/api/v1/instances',
                    { body: { orchestrationName: 'Echo', input: 'x'.repeat(10_000) } },
                    413,
                ],
                [
                    'POST',
                    '/api/v1/instances',
                    { body: { orchestrationName: 'Echo', version: 'not-semver' } },
                    400,
                ],
                ['POST', '/api/v1/instances', {}, 400],
                ['GET', '/api/v1/instances?limit=abc', {}, 400],
                ['GET', '/api/v1/instances?limit=5000', {}, 400],
                ['GET', '/api/v1/instances?status=Sleeping', {}, 400],
                ['GET', '/api/v1/instances?bogus=1', {}, 400],
                ['GET', '/api/v1/instances?cursor=not-a-cursor', {}, 400],
                ['GET', '/api/v1/instances?version=banana', {}, 400],
                ['GET', '/api/v1/audit?cursor=zzz', {}, 400],
                ['GET', '/api/v1/instance-facets?groupBy=color', {}, 400],
                [
                    'PUT',
                    '/api/v1/orchestrations/Echo/policy',
                    { body: { policy: { kind: 'ramp', from: '1.0.0' } } },
                    400,
                ],
                [
                    'PUT',
                    '/api/v1/orchestrations/Echo/policy',
                    {
                        body: {
                            policy: { kind: 'ramp', from: '1.0.0', to: '2.0.0', percent: 300 },
                            force: true,
                        },
                    },
                    400,
                ],
                ['POST', '/api/v1/instances/x/version', { body: { action: 'move' } }, 400],
                ['DELETE', '/api/v1/instances/x?force=maybe', {}, 400],
                ['GET', '/api/v1/nope', {}, 404],
            ];
            for (const [method, path, o, expected] of cases) {
                const res = await h.api(method, path, o);
                assert.equal(res.status, expected, `${method} ${path} ${JSON.stringify(o)} → ${res.status} ${JSON.stringify(res.body)}`);
                assert.equal(res.contentType, 'application/problem+json', `${method} ${path}`);
                assert.equal(typeof res.body.code, 'string');
                assert.equal(typeof res.body.detail, 'string');
                assert.doesNotMatch(JSON.stringify(res.body), /at .*\.js:\d+/, 'no stack trace');
            }
            assert.deepEqual(await h.client.getSystemMetrics(), before);
            assert.deepEqual(await h.client.listVersionPolicies(), []);
        });
    });
}
test('serves an OpenAPI 3.1 document describing every route', async (t) => {
    const h = await startManagementHarness(t, 'sqlite');
    const doc = await h.api('GET', '/api/v1/openapi.json');
    assert.equal(doc.status, 200);
    assert.equal(doc.body.openapi, '3.1.0');
    for (const path of [
        '/api/v1/instances',
        '/api/v1/instances/{instanceId}',
        '/api/v1/orchestrations/{orchestrationName}/policy',
        '/api/v1/upgrades',
        '/api/v1/audit',
    ]) {
        assert.ok(doc.body.paths[path] !== undefined, `missing ${path}`);
    }
    assert.ok(doc.body.components.schemas.InstanceInfo !== undefined);
});
//# sourceMappingURL=management-server.test.js.map