/**
 * The rolling deploy of a state migration, with real processes on one store (SQLite file and
 * PostgreSQL schema): "old" runtimes register Monitor 1.0.0 only, "new" ones 1.0.0 and 2.0.0,
 * which migrates `{ target }` to `{ targets }` (1.0.0 code cannot read 2.0.0 state). Eternal
 * Monitor instances keep continuing as new while old nodes are replaced one by one. No instance
 * may fail and no execution may run a lower version than the one before it: the fleet promotes
 * 2.0.0 only once no old node is live, and a node never re-decides a recorded version.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { rampBucket } from '../../src/core/versioning/version-policy.js';
import { FleetFixture } from '../helpers/fleet-fixture.js';
import { eventually } from '../helpers/eventually.js';
const INSTANCES = 20;
const WAIT_MS = 60_000;
const REPEATS = { sqlite: 5, postgres: 5 };
async function versionsOf(client, id) {
    const out = [];
    for (const e of await client.listExecutions(id))
        out.push((await client.getExecutionInfo(id, e)).orchestrationVersion ?? 'unknown');
    return out;
}
function isDowngrade(versions) {
    return versions.some((v, i) => i > 0 && v < versions[i - 1]);
}
/**
 * Waits until every instance has continued as new at least `more` times after this call began
 * (the baseline is each instance's execution as read now, so every counted continue-as-new was
 * decided after any policy change made before the call).
 */
async function ticked(client, ids, more) {
    const baseline = new Map();
    for (const id of ids)
        baseline.set(id, (await client.getInstanceInfo(id).catch(() => undefined))?.currentExecutionId ?? 0);
    for (const id of ids) {
        const target = baseline.get(id) + more;
        await eventually(`${id} to reach execution ${target}`, async () => {
            const info = await client.getInstanceInfo(id).catch(() => undefined);
            return (info !== undefined && (info.currentExecutionId >= target || info.status !== 'Running'));
        }, { timeoutMs: WAIT_MS, intervalMs: 20 });
    }
}
/** Stops every Monitor, then checks: none failed, none downgraded, all ended on `finalVersion`. */
async function finish(fx, client, ids, finalVersion) {
    writeFileSync(fx.stopFile, 'stop');
    let executions = 0;
    for (const id of ids) {
        const status = await client.waitForOrchestration(id, WAIT_MS);
        assert.equal(status.status, 'Completed', `${id}: ${JSON.stringify(status)}`);
        assert.equal(status.output.version, finalVersion, id);
        const versions = await versionsOf(client, id);
        executions += versions.length;
        assert.equal(isDowngrade(versions), false, `${id} went back: ${versions.join(' → ')}`);
    }
    const effects = fx.effects();
    const ranV2OnOld = effects.filter((e) => e.version === '2.0.0' && e.proc.startsWith('old'));
    assert.deepEqual(ranV2OnOld, [], 'old nodes never run 2.0.0');
    return { executions };
}
for (const kind of ['sqlite', 'postgres']) {
    describe(`rolling deploy of a state migration (${kind})`, () => {
        for (let round = 1; round <= REPEATS[kind]; round++) {
            test(`old nodes are replaced one by one: 0 failed, 0 downgraded (round ${round})`, async (t) => {
                const fx = await FleetFixture.create(t, kind);
                const client = await fx.client();
                const oldA = await fx.spawn('old-a', 'old');
                const oldB = await fx.spawn('old-b', 'old');
                const ids = Array.from({ length: INSTANCES }, (_, i) => `monitor-${round}-${i}`);
                for (const id of ids)
                    await client.startOrchestration(id, 'Monitor', { target: `host-${id}`, ticks: 0 });
                await ticked(client, ids, 1);
                for (const id of ids)
                    assert.equal((await client.getInstanceInfo(id)).orchestrationVersion, '1.0.0', 'starts decide 1.0.0 while only old nodes run');
                // Deploy: a new node joins while both old ones still run; then old-a goes, new-b joins.
                await fx.spawn('new-a', 'new');
                await ticked(client, ids, 2);
                await oldA.stop();
                await fx.spawn('new-b', 'new');
                await ticked(client, ids, 2);
                for (const id of ids) {
                    assert.deepEqual([...new Set(await versionsOf(client, id))], ['1.0.0'], `${id} stays on 1.0.0 while an old node is live`);
                }
                // The last old node leaves: the fleet promotes 2.0.0 at each instance's next continue-as-new.
                await oldB.stop();
                for (const id of ids) {
                    await eventually(`${id} on 2.0.0`, async () => (await client.getInstanceInfo(id)).orchestrationVersion === '2.0.0', { timeoutMs: WAIT_MS, intervalMs: 20 });
                }
                const { executions: total } = await finish(fx, client, ids, '2.0.0');
                t.diagnostic(`${kind} round ${round}: ${INSTANCES} instances, ${total} executions, 0 failed, 0 downgraded`);
            });
        }
        test('a ramp of 10% → 50% → 100% moves exactly the ramped instances, never back', async (t) => {
            const fx = await FleetFixture.create(t, kind);
            const client = await fx.client();
            const old = await fx.spawn('old-ramp', 'old');
            await fx.spawn('new-ramp-a', 'new');
            await fx.spawn('new-ramp-b', 'new');
            const ids = Array.from({ length: INSTANCES * 2 }, (_, i) => `ramp-${kind}-${i}`);
            const policy = (percent) => ({ kind: 'ramp', from: '1.0.0', to: '2.0.0', percent });
            await client.setVersionPolicy('Monitor', policy(10), {
                actor: 'release-bot',
                reason: 'canary',
            });
            for (const id of ids)
                await client.startOrchestration(id, 'Monitor', { target: `host-${id}`, ticks: 0 });
            await ticked(client, ids, 1);
            for (const id of ids) {
                const expected = rampBucket(id) < 10 ? '2.0.0' : '1.0.0';
                assert.equal((await client.getInstanceInfo(id)).orchestrationVersion, expected, `${id} (bucket ${rampBucket(id)}) at 10%`);
            }
            // The old node leaves the fleet during the ramp; instances on 2.0.0 never went to it.
            await old.stop();
            await client.setVersionPolicy('Monitor', policy(50));
            await sleep(300);
            await ticked(client, ids, 2);
            for (const id of ids) {
                const expected = rampBucket(id) < 50 ? '2.0.0' : '1.0.0';
                assert.equal((await client.getInstanceInfo(id)).orchestrationVersion, expected, `${id} (bucket ${rampBucket(id)}) at 50%`);
            }
            await client.setVersionPolicy('Monitor', policy(100));
            await sleep(300);
            await ticked(client, ids, 2);
            const { executions: total } = await finish(fx, client, ids, '2.0.0');
            t.diagnostic(`${kind} ramp: ${ids.length} instances, ${total} executions, 0 failed, 0 downgraded`);
        });
        test('a policy change reaches three running processes without a restart', async (t) => {
            const fx = await FleetFixture.create(t, kind);
            const client = await fx.client();
            for (const name of ['new-1', 'new-2', 'new-3'])
                await fx.spawn(name, 'new');
            await client.setVersionPolicy('Monitor', { kind: 'pinned', version: '1.0.0' });
            const ids = Array.from({ length: INSTANCES }, (_, i) => `policy-${kind}-${i}`);
            for (const id of ids)
                await client.startOrchestration(id, 'Monitor', { target: `host-${id}`, ticks: 0 });
            await ticked(client, ids, 2);
            assert.deepEqual([...new Set(fx.effects().map((e) => e.version))], ['1.0.0']);
            await assert.rejects(client.setVersionPolicy('Monitor', { kind: 'pinned', version: '4.0.0' }), /no live node registers 'Monitor'@4\.0\.0/);
            const changedAt = Date.now();
            await client.setVersionPolicy('Monitor', { kind: 'pinned', version: '2.0.0' });
            for (const id of ids) {
                await eventually(`${id} on 2.0.0`, async () => (await client.getInstanceInfo(id)).orchestrationVersion === '2.0.0', { timeoutMs: WAIT_MS, intervalMs: 20 });
            }
            await ticked(client, ids, 3);
            const after = fx.effects().filter((e) => e.at >= changedAt);
            for (const name of ['new-1', 'new-2', 'new-3']) {
                assert.ok(after.some((e) => e.proc === name && e.version === '2.0.0'), `${name} ran 2.0.0 after the change`);
            }
            await finish(fx, client, ids, '2.0.0');
        });
    });
}
//# sourceMappingURL=fleet-rolling-deploy.test.js.map