/**
 * The versions catalog and upgrades view during a real upgrade at continue-as-new, on SQLite
 * and PostgreSQL: an old node (Loop 1.0.0) and a new node (1.0.0 + 2.0.0) share a store; a
 * policy pins 2.0.0; instances move at their next continue-as-new. Counts move from old to new,
 * "safe to delete old code" flips when 1.0.0 drains, and instances become stuck when the only
 * node registering their version goes away.
 */
/* eslint-disable @typescript-eslint/no-unsafe-call -- JSON bodies under test are navigated freely */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client, Runtime, createManagementServer, } from '../../src/index.js';
import { uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS, testStore } from '../helpers/test-store.js';
const loop = async (ctx, n) => {
    await ctx.waitForEvent('tick');
    return ctx.continueAsNew(n + 1);
};
async function node(t, store, versions) {
    const runtime = new Runtime(await store.open(), {
        logLevel: 'off',
        fleetRefreshMs: 50,
        nodeHeartbeatIntervalMs: 200,
        unregisteredBackoff: { baseMs: 20, maxMs: 100 },
    });
    for (const v of versions)
        runtime.registerOrchestrationVersioned('Loop', v, loop);
    await runtime.start();
    t.after(() => runtime.shutdown(2000));
    return runtime;
}
async function eventually(what, read, ok) {
    let last;
    for (let i = 0; i < 400; i++) {
        last = await read();
        if (ok(last))
            return last;
        await new Promise((resolve) => setTimeout(resolve, 25));
    }
    assert.fail(`${what} never happened; last seen ${JSON.stringify(last)}`);
}
for (const kind of STORE_KINDS) {
    describe(`upgrades view on ${kind}`, () => {
        test(`follows an upgrade at continue-as-new from 1.0.0 to 2.0.0 on ${kind}`, async (t) => {
            const store = await testStore(t, kind);
            await node(t, store, ['1.0.0']);
            const client = new Client(await store.open(), { fleetRefreshMs: 0 });
            const server = await createManagementServer({ client }).listen();
            t.after(() => server.close());
            const get = async (path) => (await fetch(`${server.url}/api/v1${path}`)).json();
            const rows = async (path) => {
                const body = await get(path);
                const loopSummary = body.items.find((s) => s.orchestrationName === 'Loop');
                return Object.fromEntries((loopSummary?.versions ?? []).map((r) => [r.version, r]));
            };
            const ids = [uid('loop'), uid('loop'), uid('loop')];
            for (const id of ids)
                await client.startOrchestration(id, 'Loop', 0);
            await eventually('all three run on 1.0.0', () => rows('/orchestrations'), (r) => r['1.0.0']?.nonTerminal === 3);
            const fresh = await node(t, store, ['1.0.0', '2.0.0']);
            await eventually('the new node registers 2.0.0', () => rows('/orchestrations'), (r) => r['2.0.0']?.liveNodes.length === 1);
            const pinned = await fetch(`${server.url}/api/v1/orchestrations/Loop/policy`, {
                method: 'PUT',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ policy: { kind: 'pinned', version: '2.0.0' }, reason: 'upgrade' }),
            });
            assert.equal(pinned.status, 200);
            await client.raiseEvent(ids[0], 'tick');
            const mid = await eventually('one instance moved to 2.0.0', () => rows('/upgrades'), (r) => r['2.0.0']?.nonTerminal === 1);
            assert.equal(mid['1.0.0']?.nonTerminal, 2);
            assert.equal(mid['1.0.0']?.isSafeToDeleteCode, false);
            assert.equal(mid['2.0.0']?.isSafeToDeleteCode, false);
            const waiting = await get('/orchestrations/Loop/versions/1.0.0/instances');
            assert.deepEqual(waiting.items.map((i) => i.instanceId).sort(), ids.slice(1).sort());
            assert.deepEqual(waiting.items.map((i) => [
                i.awaitedEvents,
                i.expectedUpgradeAt,
            ]), [
                [['tick'], null],
                [['tick'], null],
            ]);
            for (const id of ids.slice(1))
                await client.raiseEvent(id, 'tick');
            const drained = await eventually('all moved to 2.0.0', () => rows('/orchestrations'), (r) => r['2.0.0']?.nonTerminal === 3);
            assert.equal(drained['1.0.0']?.nonTerminal, 0);
            assert.equal(drained['1.0.0']?.isSafeToDeleteCode, true, '1.0.0 has no instance and no policy names it');
            assert.deepEqual((await get('/upgrades')).items, [], 'nothing is mid-upgrade any more');
            await fresh.shutdown(2000);
            const stuck = await eventually('instances on 2.0.0 become stuck', () => rows('/upgrades'), (r) => r['2.0.0']?.isStuck === true);
            assert.equal(stuck['2.0.0']?.nonTerminal, 3);
            assert.deepEqual(stuck['2.0.0']?.liveNodes, []);
        });
    });
}
//# sourceMappingURL=upgrades-view.test.js.map