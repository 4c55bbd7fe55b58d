/**
 * The management API end to end: a real Runtime and Client on a SQLite file — deletion and
 * its cascade, bulk deletion, pruning a live continue-as-new instance, trees, metrics, the
 * instance query over 1,000 instances, and ensureOrchestration across restarts and races.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, after, describe, test } from 'node:test';
import { CannotDeleteSubOrchestrationError, Client, InstanceNotFoundError, InstanceStillRunningError, InvalidInputError, Runtime, SqliteProvider, } from '../../src/index.js';
import { continueInstanceAsNew, finishInstance, sleep, startInstance, } from '../../src/providers/validation/conformance-fixtures.js';
import { startHarness, uid } from '../helpers/runtime-harness.js';
import { eventually } from '../helpers/eventually.js';
function tempDir(t) {
    const dir = mkdtempSync(join(tmpdir(), 'duroxide-mgmt-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
}
/** A gate an activity waits on, opened by the test. */
function gate() {
    let open;
    const wait = new Promise((resolve) => {
        open = resolve;
    });
    return { wait, open };
}
describe('deleting instances', () => {
    test('deleting a running instance without force is refused and leaves it running', async (t) => {
        const { client } = await startHarness(t, (rt) => rt.registerOrchestration('Waiter', async (ctx) => ctx.waitForEvent('go')));
        const id = uid('del-running');
        await client.startOrchestration(id, 'Waiter');
        await eventually('the instance to start', async () => (await client.getStatus(id)).status === 'Running');
        await assert.rejects(client.deleteInstance(id), (e) => {
            assert.ok(e instanceof InstanceStillRunningError, String(e));
            assert.match(e.message, /still running/);
            assert.equal(e.context.instanceId, id);
            return true;
        });
        await client.raiseEvent(id, 'go', 'went');
        assert.equal((await client.waitForOrchestration(id, 10_000)).output, 'went');
        assert.equal((await client.deleteInstance(id)).instancesDeleted, 1);
    });
    test('force-deleting an instance with an activity in flight removes it for good and frees its id', async (t) => {
        const blocker = gate();
        const activityStarted = gate();
        const activityReturned = gate();
        const { client } = await startHarness(t, (rt) => {
            rt.registerActivity('Block', async () => {
                activityStarted.open();
                await blocker.wait;
                activityReturned.open();
                return 'late result';
            });
            rt.registerActivity('Quick', async () => 'fresh');
            rt.registerOrchestration('UsesBlock', async (ctx) => ctx.scheduleActivity('Block'));
            rt.registerOrchestration('UsesQuick', async (ctx) => ctx.scheduleActivity('Quick'));
        });
        const id = uid('del-force');
        await client.startOrchestration(id, 'UsesBlock');
        await activityStarted.wait;
        const result = await client.deleteInstance(id, true);
        assert.equal(result.instancesDeleted, 1);
        assert.equal(result.executionsDeleted, 1);
        assert.ok(result.eventsDeleted >= 2, `events: ${result.eventsDeleted}`);
        assert.equal(result.queueMessagesDeleted, 1, 'the in-flight activity row');
        blocker.open();
        await activityReturned.wait;
        await sleep(100); // let the worker try to report the stale result
        assert.equal((await client.getStatus(id)).status, 'NotFound', 'the stale activity result did not revive it');
        assert.deepEqual(await client.getQueueDepths(), {
            orchestratorQueue: 0,
            workerQueue: 0,
            timerQueue: 0,
        });
        await client.startOrchestration(id, 'UsesQuick');
        const fresh = await client.waitForOrchestration(id, 10_000);
        assert.equal(fresh.output, 'fresh');
        assert.deepEqual(await client.listExecutions(id), [1]);
    });
    test('deleting or pruning an unknown instance throws InstanceNotFoundError', async (t) => {
        const { client } = await startHarness(t, () => undefined);
        await assert.rejects(client.deleteInstance(uid('nobody')), InstanceNotFoundError);
        await assert.rejects(client.deleteInstance(uid('nobody'), true), InstanceNotFoundError);
        await assert.rejects(client.pruneExecutions(uid('nobody'), { keepLast: 2 }), InstanceNotFoundError);
    });
    test('a sub-orchestration whose parent no longer exists can be deleted on its own', async (t) => {
        const provider = await SqliteProvider.inMemory();
        t.after(() => provider.close());
        const client = new Client(provider);
        await startInstance(provider, 'orphan-child', { parentInstanceId: 'long-gone-parent' });
        await finishInstance(provider, 'orphan-child');
        assert.equal((await client.deleteInstance('orphan-child')).instancesDeleted, 1);
        assert.equal((await client.getStatus('orphan-child')).status, 'NotFound');
    });
    test('deleting the root of a finished three-level tree cascades; a child cannot be deleted on its own', async (t) => {
        const { client } = await startHarness(t, (rt) => {
            rt.registerOrchestration('Leaf', async (_ctx, x) => x * 2);
            rt.registerOrchestration('Mid', async (ctx, x) => ctx.scheduleSubOrchestrationWithId('Leaf', `${ctx.instanceId}/leaf`, x));
            rt.registerOrchestration('Top', async (ctx, x) => ctx.scheduleSubOrchestrationWithId('Mid', `${ctx.instanceId}/mid`, x));
        });
        const id = uid('tree3');
        await client.startOrchestration(id, 'Top', 21);
        assert.equal((await client.waitForOrchestration(id, 10_000)).output, 42);
        assert.deepEqual(await client.getInstanceTree(id), {
            rootId: id,
            allIds: [id, `${id}/mid`, `${id}/mid/leaf`],
            size: 3,
        });
        for (const child of [`${id}/mid`, `${id}/mid/leaf`]) {
            for (const force of [false, true]) {
                await assert.rejects(client.deleteInstance(child, force), (e) => {
                    assert.ok(e instanceof CannotDeleteSubOrchestrationError, String(e));
                    assert.ok(e.message.includes(`delete its root instance '${id}'`), e.message);
                    return true;
                });
            }
        }
        const result = await client.deleteInstance(id);
        assert.equal(result.instancesDeleted, 3);
        assert.equal(result.executionsDeleted, 3);
        for (const gone of [id, `${id}/mid`, `${id}/mid/leaf`])
            assert.equal((await client.getStatus(gone)).status, 'NotFound');
        assert.equal((await client.getSystemMetrics()).totalInstances, 0);
    });
    test('deleting a running three-level tree needs force, which removes every level', async (t) => {
        const { client } = await startHarness(t, (rt) => {
            rt.registerOrchestration('Leaf', async (ctx) => ctx.waitForEvent('never'));
            rt.registerOrchestration('Mid', async (ctx) => ctx.scheduleSubOrchestrationWithId('Leaf', `${ctx.instanceId}/leaf`));
            rt.registerOrchestration('Top', async (ctx) => ctx.scheduleSubOrchestrationWithId('Mid', `${ctx.instanceId}/mid`));
        });
        const id = uid('tree3-running');
        await client.startOrchestration(id, 'Top');
        await eventually('the leaf to start', async () => (await client.getStatus(`${id}/mid/leaf`)).status === 'Running');
        await assert.rejects(client.deleteInstance(id), InstanceStillRunningError);
        assert.equal((await client.getInstanceTree(id)).size, 3, 'nothing was deleted');
        assert.equal((await client.deleteInstance(id, true)).instancesDeleted, 3);
        await sleep(50);
        for (const gone of [id, `${id}/mid`, `${id}/mid/leaf`])
            assert.equal((await client.getStatus(gone)).status, 'NotFound');
        assert.equal((await client.getSystemMetrics()).totalInstances, 0);
    });
    test('bulk deletion removes finished instances by age, a limited batch at a time, and never a running one', async (t) => {
        const { client } = await startHarness(t, (rt) => {
            rt.registerOrchestration('Quick', async (_ctx, x) => x);
            rt.registerOrchestration('Waiter', async (ctx) => ctx.waitForEvent('go'));
        });
        const run = async (id) => {
            await client.startOrchestration(id, 'Quick', id);
            await client.waitForOrchestration(id, 10_000);
            await sleep(3);
        };
        const old = [uid('old'), uid('old'), uid('old')];
        for (const id of old)
            await run(id);
        await sleep(10);
        const cutoff = Date.now();
        await sleep(10);
        const recent = [uid('new'), uid('new')];
        for (const id of recent)
            await run(id);
        const waiter = uid('waiter');
        await client.startOrchestration(waiter, 'Waiter');
        await eventually('the waiter to start', async () => (await client.getStatus(waiter)).status === 'Running');
        const batches = [];
        const remaining = [];
        for (let i = 0; i < 3; i++) {
            batches.push((await client.deleteInstanceBulk({ completedBefore: cutoff, limit: 2 })).instancesDeleted);
            remaining.push((await client.listAllInstances()).sort());
        }
        assert.deepEqual(batches, [2, 1, 0]);
        assert.deepEqual(remaining[0], [old[2], ...recent, waiter].sort(), 'the oldest completions go first');
        assert.deepEqual(remaining[2], [...recent, waiter].sort());
        assert.equal((await client.deleteInstanceBulk({ instanceIds: [recent[0], waiter] })).instancesDeleted, 1);
        assert.equal((await client.deleteInstanceBulk()).instancesDeleted, 1);
        assert.deepEqual(await client.listAllInstances(), [waiter]);
        assert.equal((await client.getStatus(waiter)).status, 'Running');
    });
});
describe('instance trees', () => {
    test('a wide tree lists the root first and every descendant once', async (t) => {
        const { client } = await startHarness(t, (rt) => {
            rt.registerOrchestration('Leaf', async () => 'leaf');
            rt.registerOrchestration('Branch', async (ctx) => ctx.all([0, 1].map((i) => ctx.scheduleSubOrchestrationWithId('Leaf', `${ctx.instanceId}/${i}`))));
            rt.registerOrchestration('Root', async (ctx) => ctx.all(['a', 'b', 'c'].map((b) => ctx.scheduleSubOrchestrationWithId('Branch', `${ctx.instanceId}/${b}`))));
        });
        const id = uid('wide');
        await client.startOrchestration(id, 'Root');
        assert.equal((await client.waitForOrchestration(id, 10_000)).status, 'Completed');
        const tree = await client.getInstanceTree(id);
        assert.equal(tree.rootId, id);
        assert.equal(tree.size, 10);
        assert.equal(tree.allIds[0], id);
        assert.deepEqual(new Set(tree.allIds.slice(1, 4)), new Set(['a', 'b', 'c'].map((b) => `${id}/${b}`)), 'children before grandchildren');
        assert.deepEqual([...tree.allIds].sort(), [
            id,
            ...['a', 'b', 'c'].flatMap((b) => [`${id}/${b}`, `${id}/${b}/0`, `${id}/${b}/1`]),
        ].sort());
        assert.deepEqual(await client.getInstanceTree(`${id}/b/1`), {
            rootId: `${id}/b/1`,
            allIds: [`${id}/b/1`],
            size: 1,
        });
        assert.equal((await client.getInstanceInfo(`${id}/b/1`)).parentInstanceId, `${id}/b`);
        await assert.rejects(client.getInstanceTree(uid('unknown')), InstanceNotFoundError);
    });
});
describe('pruning a live continue-as-new instance', () => {
    /** An eternal loop: one activity and a short timer per execution, until told to stop. */
    function eternal(rt, shouldStop) {
        rt.registerActivity('ShouldStop', async () => shouldStop());
        rt.registerOrchestration('Eternal', async (ctx, i) => {
            if (await ctx.scheduleActivity('ShouldStop', i))
                return `stopped in execution ${ctx.executionId}`;
            await ctx.scheduleTimer(1);
            return ctx.continueAsNew(i + 1);
        });
    }
    async function executionsReach(client, id, count) {
        await eventually(`execution ${count} of ${id}`, async () => Math.max(0, ...(await client.listExecutions(id))) >= count);
    }
    test('pruning with keepLast while the instance runs keeps it running to completion', async (t) => {
        let stop = false;
        const { client } = await startHarness(t, (rt) => eternal(rt, () => stop));
        const id = uid('eternal-keep');
        await client.startOrchestration(id, 'Eternal', 0);
        await executionsReach(client, id, 8);
        const pruned = await client.pruneExecutions(id, { keepLast: 3 });
        assert.equal(pruned.instancesProcessed, 1);
        assert.ok(pruned.executionsDeleted >= 5, `deleted ${pruned.executionsDeleted}`);
        assert.ok(pruned.eventsDeleted > pruned.executionsDeleted);
        const kept = await client.listExecutions(id);
        assert.ok(kept.length <= 3 + 2, `kept ${kept.join(',')}`);
        assert.equal((await client.getStatus(id)).status, 'Running');
        const afterPrune = Math.max(...kept);
        await executionsReach(client, id, afterPrune + 3);
        stop = true;
        const done = await client.waitForOrchestration(id, 10_000);
        assert.equal(done.status, 'Completed');
        const executions = await client.listExecutions(id);
        const last = executions.at(-1);
        assert.equal(done.output, `stopped in execution ${last}`);
        assert.ok(executions[0] >= kept[0], 'pruned executions never come back');
        assert.deepEqual(executions, Array.from({ length: executions.length }, (_, i) => executions[0] + i), 'no gaps after the pruned ones');
        assert.equal((await client.pruneExecutions(id, {})).executionsDeleted, executions.length - 1);
        assert.deepEqual(await client.listExecutions(id), [last]);
        assert.equal((await client.getStatus(id)).status, 'Completed', 'pruning keeps the final execution and its output');
        assert.equal((await client.readExecutionHistory(id, last)).at(-1)?.kind, 'OrchestrationCompleted');
    });
    test('pruning with completedBefore while the instance runs removes exactly the executions finished before it', async (t) => {
        let stop = false;
        const { client } = await startHarness(t, (rt) => eternal(rt, () => stop));
        const id = uid('eternal-age');
        await client.startOrchestration(id, 'Eternal', 0);
        await executionsReach(client, id, 6);
        const cutoff = Date.now();
        const atCutoff = Math.max(...(await client.listExecutions(id)));
        await executionsReach(client, id, atCutoff + 4);
        const pruned = await client.pruneExecutions(id, { completedBefore: cutoff });
        // Executions well before the one current at the cutoff certainly completed before it.
        assert.ok(pruned.executionsDeleted >= atCutoff - 3, `deleted ${pruned.executionsDeleted}, execution ${atCutoff} was current at the cutoff`);
        for (const executionId of await client.listExecutions(id)) {
            const info = await client.getExecutionInfo(id, executionId);
            assert.ok(info.completedAt === undefined || info.completedAt >= cutoff, `execution ${executionId} completed before the cutoff`);
        }
        assert.ok((await client.listExecutions(id)).length >= 3, 'executions finished after the cutoff are kept');
        assert.equal((await client.getStatus(id)).status, 'Running');
        stop = true;
        assert.equal((await client.waitForOrchestration(id, 10_000)).status, 'Completed');
    });
    test('bulk pruning covers running instances too, and they keep running', async (t) => {
        let stop = false;
        const { client } = await startHarness(t, (rt) => {
            eternal(rt, () => stop);
            rt.registerOrchestration('Quick', async () => 'q');
        });
        const [a, b, quick] = [uid('bulk-a'), uid('bulk-b'), uid('bulk-quick')];
        await client.startOrchestration(quick, 'Quick');
        await client.waitForOrchestration(quick, 10_000);
        await client.startOrchestration(a, 'Eternal', 0);
        await client.startOrchestration(b, 'Eternal', 0);
        await executionsReach(client, a, 5);
        await executionsReach(client, b, 5);
        const pruned = await client.pruneExecutionsBulk({}, { keepLast: 2 });
        assert.equal(pruned.instancesProcessed, 2, 'the single-execution instance has nothing to prune');
        assert.ok(pruned.executionsDeleted >= 4);
        for (const id of [a, b])
            assert.ok((await client.listExecutions(id)).length <= 4);
        assert.deepEqual(await client.listExecutions(quick), [1]);
        stop = true;
        for (const id of [a, b])
            assert.equal((await client.waitForOrchestration(id, 10_000)).status, 'Completed');
    });
});
describe('metrics and stats', () => {
    test('system metrics, queue depths and stats match a known workload', async (t) => {
        const { client } = await startHarness(t, (rt) => {
            rt.registerActivity('Echo', async (_c, x) => x);
            rt.registerOrchestration('Quick', async (ctx, x) => ctx.scheduleActivity('Echo', x));
            rt.registerOrchestration('Boom', async () => {
                throw new Error('boom');
            });
            rt.registerOrchestration('Waiter', async (ctx) => ctx.waitForEvent('never'));
            rt.registerOrchestration('Counter', async (ctx, n) => n < 2 ? ctx.continueAsNew(n + 1) : n);
        });
        const ids = [];
        for (const [name, count] of [
            ['Quick', 3],
            ['Boom', 2],
            ['Counter', 1],
        ]) {
            for (let i = 0; i < count; i++) {
                const id = uid(name);
                ids.push(id);
                await client.startOrchestration(id, name, 0);
                await client.waitForOrchestration(id, 10_000);
            }
        }
        const waiter = uid('waiter');
        ids.push(waiter);
        await client.startOrchestration(waiter, 'Waiter');
        await eventually('the waiter to start', async () => (await client.getStatus(waiter)).status === 'Running');
        let totalEvents = 0;
        for (const id of ids) {
            for (const executionId of await client.listExecutions(id)) {
                totalEvents += (await client.readExecutionHistory(id, executionId)).length;
            }
        }
        assert.deepEqual(await client.getSystemMetrics(), {
            totalInstances: 7,
            totalExecutions: 9,
            runningInstances: 1,
            completedInstances: 4,
            failedInstances: 2,
            totalEvents,
        });
        assert.deepEqual(await client.getQueueDepths(), {
            orchestratorQueue: 0,
            workerQueue: 0,
            timerQueue: 0,
        });
        const stats = await client.getOrchestrationStats(waiter);
        assert.ok(stats);
        assert.equal(stats.historyEventCount, (await client.readExecutionHistory(waiter, 1)).length);
        assert.ok(stats.historySizeBytes > 0);
        assert.equal(stats.queuePendingCount, 0);
        assert.deepEqual([stats.kvUserKeyCount, stats.kvTotalValueBytes], [0, 0]);
        assert.equal(await client.getOrchestrationStats(uid('unknown')), null);
    });
    test('queue depths show waiting work while no runtime is taking it', async (t) => {
        const dir = tempDir(t);
        const provider = await SqliteProvider.open(`sqlite:${join(dir, 'q.db')}`);
        t.after(() => provider.close());
        const client = new Client(provider);
        await client.startOrchestration('q-1', 'Anything');
        await client.startOrchestration('q-2', 'Anything');
        assert.deepEqual(await client.getQueueDepths(), {
            orchestratorQueue: 2,
            workerQueue: 0,
            timerQueue: 0,
        });
    });
});
describe('instance query over 1,000 instances', () => {
    const NAMES = ['OrderFlow', 'Billing', 'Shipping', 'Audit'];
    const VERSIONS = ['1.0.0', '1.0.1', '1.0.7', '1.1.0', '2.0.0', '2.1.0-rc.1'];
    let dir;
    let provider;
    let client;
    let all;
    before(async () => {
        dir = mkdtempSync(join(tmpdir(), 'duroxide-query-'));
        provider = await SqliteProvider.open(`sqlite:${join(dir, 'query.db')}`);
        client = new Client(provider);
        // Made through the provider directly (the runtime's turns, without the runtime), so the
        // data is known exactly and cheap: all four current statuses (Running twice as often, one
        // of those after a continue-as-new), parents, shared id prefixes.
        for (let i = 0; i < 1000; i++) {
            const id = `q${i % 3}-${String(i).padStart(4, '0')}`;
            const name = NAMES[i % NAMES.length];
            const version = VERSIONS[i % VERSIONS.length];
            const parent = i % 10 === 9 ? 'q0-0000' : i % 25 === 24 ? 'q1-0001' : undefined;
            await startInstance(provider, id, {
                name,
                version,
                ...(parent === undefined ? {} : { parentInstanceId: parent }),
            });
            if (i % 5 === 1)
                await finishInstance(provider, id, 'Completed');
            if (i % 5 === 2)
                await finishInstance(provider, id, 'Failed');
            if (i % 5 === 3)
                await finishInstance(provider, id, 'ContinuedAsNew');
            if (i % 5 === 4)
                await continueInstanceAsNew(provider, id, name, version);
            if (i % 100 === 50)
                await sleep(2);
        }
        all = [];
        for (const id of await client.listAllInstances())
            all.push(await client.getInstanceInfo(id));
    });
    after(async () => {
        await provider.close();
        rmSync(dir, { recursive: true, force: true });
    });
    function matches(r, f) {
        const pattern = f.version?.match(/^(.*\.)[x*]$/)?.[1];
        return ((f.status === undefined || r.status === f.status) &&
            (f.name === undefined || r.orchestrationName === f.name) &&
            (f.version === undefined ||
                (pattern === undefined
                    ? r.orchestrationVersion === f.version
                    : r.orchestrationVersion.startsWith(pattern))) &&
            (f.createdFrom === undefined || r.createdAt >= f.createdFrom) &&
            (f.createdTo === undefined || r.createdAt < f.createdTo) &&
            (f.updatedFrom === undefined || r.updatedAt >= f.updatedFrom) &&
            (f.updatedTo === undefined || r.updatedAt < f.updatedTo) &&
            (f.parentInstanceId === undefined || r.parentInstanceId === f.parentInstanceId) &&
            (f.idPrefix === undefined || r.instanceId.startsWith(f.idPrefix)));
    }
    async function pageThrough(filter, limit) {
        const items = [];
        let cursor;
        for (;;) {
            const page = await client.queryInstances({
                ...filter,
                limit,
                ...(cursor === undefined ? {} : { cursor }),
            });
            items.push(...page.items);
            if (page.nextCursor === null)
                return items;
            assert.equal(page.items.length, limit);
            cursor = page.nextCursor;
        }
    }
    function filters() {
        const created = all.map((r) => r.createdAt).sort((a, b) => a - b);
        const updated = all.map((r) => r.updatedAt).sort((a, b) => a - b);
        const at = (xs, q) => xs[Math.floor((xs.length - 1) * q)];
        return [
            ['status Running', { status: 'Running' }],
            ['status Completed', { status: 'Completed' }],
            ['status Failed', { status: 'Failed' }],
            ['status ContinuedAsNew', { status: 'ContinuedAsNew' }],
            ['name', { name: 'OrderFlow' }],
            ['exact version', { version: '1.0.7' }],
            ['version 1.0.x', { version: '1.0.x' }],
            ['version 2.*', { version: '2.*' }],
            ['created range', { createdFrom: at(created, 0.2), createdTo: at(created, 0.7) }],
            ['updated range', { updatedFrom: at(updated, 0.3), updatedTo: at(updated, 0.95) }],
            ['parent', { parentInstanceId: 'q0-0000' }],
            ['id prefix', { idPrefix: 'q1-00' }],
            ['OrderFlow@1.0.x still running', { name: 'OrderFlow', version: '1.0.x', status: 'Running' }],
            [
                'everything at once',
                {
                    name: 'Billing',
                    version: '1.x',
                    status: 'Completed',
                    createdFrom: at(created, 0.1),
                    updatedTo: at(updated, 0.99),
                    idPrefix: 'q',
                },
            ],
        ];
    }
    test('paging with no criteria visits all 1,000 instances once, newest first', async () => {
        assert.equal(all.length, 1000);
        const paged = await pageThrough({}, 73);
        assert.equal(paged.length, 1000);
        assert.deepEqual(paged.map((r) => r.instanceId), all.map((r) => r.instanceId), 'the same order as listAllInstances');
        assert.equal(new Set(paged.map((r) => r.instanceId)).size, 1000);
        assert.deepEqual(paged[0], all[0], 'items are the full InstanceInfo');
        assert.equal((await client.queryInstances({ limit: 1000 })).nextCursor, null);
        assert.equal((await client.queryInstances()).items.length, 100, 'the default page size');
    });
    test('every criterion, alone and combined, pages through exactly what a brute-force scan selects', async () => {
        for (const [label, filter] of filters()) {
            const expected = all.filter((r) => matches(r, filter)).map((r) => r.instanceId);
            assert.ok(expected.length > 0, `${label} selects something`);
            assert.deepEqual((await pageThrough(filter, 37)).map((r) => r.instanceId), expected, label);
        }
    });
    test('facet counts by status, name and version match a brute-force count over all pages', async () => {
        const keyOf = {
            status: (r) => r.status,
            name: (r) => r.orchestrationName,
            version: (r) => r.orchestrationVersion,
        };
        for (const [label, filter] of [
            ['no criteria', {}],
            ...filters(),
        ]) {
            const pages = await pageThrough(filter, 250);
            for (const groupBy of ['status', 'name', 'version']) {
                const expected = new Map();
                for (const r of pages)
                    expected.set(keyOf[groupBy](r), (expected.get(keyOf[groupBy](r)) ?? 0) + 1);
                const counts = await client.countInstances(filter, groupBy);
                assert.deepEqual(new Map(counts.map((c) => [c.key, c.count])), expected, `${label} by ${groupBy}`);
                assert.deepEqual(counts.map((c) => c.count), [...counts.map((c) => c.count)].sort((a, b) => b - a), 'largest first');
            }
        }
        assert.deepEqual(await client.countInstances({}, 'status'), [
            { key: 'Running', count: 400 },
            { key: 'Completed', count: 200 },
            { key: 'ContinuedAsNew', count: 200 },
            { key: 'Failed', count: 200 },
        ]);
    });
    test('a cursor from another query position still pages correctly, and a forged one is refused', async () => {
        const first = await client.queryInstances({ limit: 10 });
        assert.ok(first.nextCursor);
        const viaCursor = await client.queryInstances({ limit: 10, cursor: first.nextCursor });
        assert.deepEqual(viaCursor.items.map((r) => r.instanceId), all.slice(10, 20).map((r) => r.instanceId));
        const forged = `c1.${Buffer.from(JSON.stringify({ createdAt: 1 })).toString('base64url')}`;
        await assert.rejects(client.queryInstances({ cursor: forged }), InvalidInputError);
    });
});
describe('ensureOrchestration', () => {
    /** One process of an application whose system orchestration runs until told to stop. */
    async function boot(t, url, hasRuntime = true) {
        const provider = await SqliteProvider.open(url);
        const runtime = new Runtime(provider, { logLevel: 'off' });
        runtime.registerOrchestration('System', async (ctx, input) => ({
            input,
            stop: await ctx.waitForEvent('stop'),
        }));
        if (hasRuntime)
            await runtime.start();
        const node = { provider, runtime, client: new Client(provider) };
        t.after(() => stop(node));
        return node;
    }
    async function stop(node) {
        await node.runtime.shutdown(2000);
        await node.provider.close();
    }
    async function runningExactlyOnce(client, id) {
        await eventually(`${id} to run`, async () => (await client.getStatus(id)).status === 'Running');
        await eventually('the queue to drain', async () => (await client.getQueueDepths()).orchestratorQueue === 0);
        assert.deepEqual(await client.listAllInstances(), [id]);
        assert.deepEqual(await client.listExecutions(id), [1]);
        const starts = (await client.readExecutionHistory(id, 1)).filter((e) => e.kind === 'OrchestrationStarted');
        assert.equal(starts.length, 1, 'one start was consumed; duplicates were dropped');
    }
    test('starts a missing instance, leaves a running one alone across restarts, and restarts a finished one', async (t) => {
        const url = `sqlite:${join(tempDir(t), 'system.db')}`;
        const id = 'system:cleanup';
        let node = await boot(t, url);
        assert.deepEqual(await node.client.ensureOrchestration(id, 'System', 'first'), {
            action: 'started',
        });
        assert.deepEqual(await node.client.ensureOrchestration(id, 'System', 'ignored'), {
            action: 'alreadyRunning',
        });
        await runningExactlyOnce(node.client, id);
        await stop(node);
        node = await boot(t, url); // the process restarts
        assert.deepEqual(await node.client.ensureOrchestration(id, 'System', 'ignored'), {
            action: 'alreadyRunning',
        });
        await node.client.raiseEvent(id, 'stop', 'completed');
        assert.deepEqual((await node.client.waitForOrchestration(id, 10_000)).output, {
            input: 'first',
            stop: 'completed',
        });
        assert.deepEqual(await node.client.ensureOrchestration(id, 'System', 'second'), {
            action: 'restarted',
        });
        await runningExactlyOnce(node.client, id);
        const started = (await node.client.readExecutionHistory(id, 1))[0];
        assert.equal(JSON.parse(started?.data ?? 'null').input, 'second', 'a fresh instance, not the old history');
        await node.client.cancelInstance(id, 'operator');
        assert.equal((await node.client.waitForOrchestration(id, 10_000)).status, 'Failed');
        assert.deepEqual(await node.client.ensureOrchestration(id, 'System', 'third'), {
            action: 'restarted',
        });
        await runningExactlyOnce(node.client, id);
    });
    test('starts the requested version when one is given', async (t) => {
        const { client } = await startHarness(t, (rt) => {
            rt.registerOrchestrationVersioned('System', '1.0.0', async (ctx) => ctx.waitForEvent('stop'));
            rt.registerOrchestrationVersioned('System', '2.0.0', async (ctx) => ctx.waitForEvent('stop'));
        });
        const id = uid('system-versioned');
        assert.deepEqual(await client.ensureOrchestration(id, 'System', null, { version: '1.0.0' }), {
            action: 'started',
        });
        await eventually('the instance to run', async () => (await client.getStatus(id)).status === 'Running');
        assert.equal((await client.getInstanceInfo(id)).orchestrationVersion, '1.0.0');
    });
    test('concurrent calls from two nodes leave exactly one running instance, also when restarting it', async (t) => {
        const url = `sqlite:${join(tempDir(t), 'race.db')}`;
        const a = await boot(t, url);
        const b = await boot(t, url, false); // a second node's client on the same database
        const id = 'system:race';
        const first = await Promise.all([
            a.client.ensureOrchestration(id, 'System', 'a'),
            b.client.ensureOrchestration(id, 'System', 'b'),
        ]);
        assert.ok(first.some((r) => r.action === 'started'), JSON.stringify(first));
        assert.ok(first.every((r) => r.action === 'started' || r.action === 'alreadyRunning'), JSON.stringify(first));
        await runningExactlyOnce(a.client, id);
        for (let round = 0; round < 5; round++) {
            await a.client.raiseEvent(id, 'stop', round);
            assert.equal((await a.client.waitForOrchestration(id, 10_000)).status, 'Completed');
            const results = await Promise.all([
                a.client.ensureOrchestration(id, 'System', `a${round}`),
                b.client.ensureOrchestration(id, 'System', `b${round}`),
                b.client.ensureOrchestration(id, 'System', `c${round}`),
            ]);
            assert.ok(results.some((r) => r.action === 'restarted'), `round ${round}: ${JSON.stringify(results)}`);
            assert.ok(results.every((r) => r.action !== 'started'), `round ${round}: ${JSON.stringify(results)}`);
            await runningExactlyOnce(a.client, id);
            await runningExactlyOnce(b.client, id);
        }
    });
});
//# sourceMappingURL=management.test.js.map