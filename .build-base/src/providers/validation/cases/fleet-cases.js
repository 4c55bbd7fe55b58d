/**
 * Conformance: the fleet-versioning store — version policies, the audit log, the node
 * registry and per-instance version targets (docs/versioning.md). The orchestration-queue side
 * (fetch filters, ack fields, reopen) is in `fleet-turn-cases.ts`.
 * @module
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { InvalidInputError, ProviderError } from '../../../core/errors/duroxide-error.js';
import { rejectsWith, startInstance } from '../conformance-fixtures.js';
/** An audit entry for `target`; `at` defaults to a fixed, recognisable time. */
function entry(target, action = 'version-policy.set', extra = {}) {
    return {
        at: 1_700_000_000_000,
        actor: 'alice',
        action,
        target,
        reason: 'rollout',
        details: '{"k":1}',
        ...extra,
    };
}
function node(nodeId, lastSeenAt, extra = {}) {
    return {
        nodeId,
        host: 'host-a',
        pid: 4242,
        duroxideVersion: '0.1.0',
        historyFormat: 2,
        startedAt: lastSeenAt - 5_000,
        lastSeenAt,
        heartbeatIntervalMs: 10_000,
        orchestrations: [{ name: 'Flow', versions: ['1.0.0', '2.0.0'] }],
        activities: ['charge', 'ship'],
        ...extra,
    };
}
export function registerFleetCases(h) {
    describe('fleet: version policies', () => {
        h.test('a stored policy is read back with its change time, actor, reason and revision 1', async (t) => {
            const p = await h.provider(t);
            const stored = await p.setVersionPolicy('Flow', { kind: 'pinned', version: '1.2.0', allowDowngrade: true }, entry('orchestration:Flow'));
            const expected = {
                orchestrationName: 'Flow',
                policy: { kind: 'pinned', version: '1.2.0', allowDowngrade: true },
                updatedAt: 1_700_000_000_000,
                updatedBy: 'alice',
                reason: 'rollout',
                revision: 1,
            };
            assert.deepEqual(stored, expected);
            assert.deepEqual(await p.getVersionPolicy('Flow'), expected);
            assert.equal(await p.getVersionPolicy('Other'), null);
        });
        h.test('listVersionPolicies returns every set policy by name and leaves cleared ones out', async (t) => {
            const p = await h.provider(t);
            await p.setVersionPolicy('Zeta', { kind: 'latest' }, entry('orchestration:Zeta'));
            await p.setVersionPolicy('Alpha', { kind: 'ramp', from: '1.0.0', to: '2.0.0', percent: 25 }, entry('orchestration:Alpha'));
            await p.setVersionPolicy('Mid', { kind: 'latest' }, entry('orchestration:Mid'));
            await p.setVersionPolicy('Mid', null, entry('orchestration:Mid', 'version-policy.clear'));
            const listed = await p.listVersionPolicies();
            assert.deepEqual(listed.map((r) => r.orchestrationName), ['Alpha', 'Zeta']);
            assert.deepEqual(listed[0]?.policy, {
                kind: 'ramp',
                from: '1.0.0',
                to: '2.0.0',
                percent: 25,
            });
        });
        h.test('every change counts a revision, clearing included, and clearing returns null', async (t) => {
            const p = await h.provider(t);
            assert.equal((await p.setVersionPolicy('Flow', { kind: 'latest' }, entry('orchestration:Flow')))
                ?.revision, 1);
            const second = await p.setVersionPolicy('Flow', { kind: 'pinned', version: '2.0.0' }, entry('orchestration:Flow', 'version-policy.set', {
                at: 1_700_000_000_500,
                actor: undefined,
                reason: undefined,
            }));
            assert.equal(second?.revision, 2);
            assert.equal(second?.updatedAt, 1_700_000_000_500);
            assert.equal(second?.updatedBy, undefined);
            assert.equal(second?.reason, undefined);
            assert.equal(await p.setVersionPolicy('Flow', null, entry('orchestration:Flow', 'version-policy.clear')), null);
            assert.equal(await p.getVersionPolicy('Flow'), null);
            assert.equal((await p.setVersionPolicy('Flow', { kind: 'latest' }, entry('orchestration:Flow')))
                ?.revision, 4);
        });
        h.test('each policy change appends its audit entry', async (t) => {
            const p = await h.provider(t);
            await p.setVersionPolicy('Flow', { kind: 'latest' }, entry('orchestration:Flow'));
            await p.setVersionPolicy('Flow', null, entry('orchestration:Flow', 'version-policy.clear', { details: '{"old":"latest"}' }));
            const audit = await p.listAudit({ target: 'orchestration:Flow', limit: 10 });
            assert.deepEqual(audit.map((a) => [a.action, a.details]), [
                ['version-policy.clear', '{"old":"latest"}'],
                ['version-policy.set', '{"k":1}'],
            ]);
        });
        h.test('a policy change whose audit entry cannot be written stores nothing', async (t) => {
            const p = await h.provider(t);
            await p.setVersionPolicy('Flow', { kind: 'latest' }, entry('orchestration:Flow'));
            // `details` is required; a store must refuse the entry, and with it the policy change.
            const broken = entry('orchestration:Flow', 'version-policy.set', {
                details: null,
            });
            await rejectsWith(p.setVersionPolicy('Flow', { kind: 'pinned', version: '9.9.9' }, broken), ProviderError);
            const kept = await p.getVersionPolicy('Flow');
            assert.deepEqual(kept?.policy, { kind: 'latest' });
            assert.equal(kept?.revision, 1);
            assert.equal((await p.listAudit({ limit: 10 })).length, 1);
        });
    });
    describe('fleet: audit log', () => {
        h.test('audit entries come back newest first with every field, absent actor and reason included', async (t) => {
            const p = await h.provider(t);
            await p.appendAudit(entry('instance:a', 'instance.resume', { at: 1 }));
            await p.appendAudit(entry('instance:b', 'instance.restart', {
                at: 2,
                actor: undefined,
                reason: undefined,
                details: '{}',
            }));
            const [newest, oldest, ...rest] = await p.listAudit({ limit: 10 });
            assert.equal(rest.length, 0);
            assert.ok(newest && oldest);
            assert.ok(newest.auditId > oldest.auditId, 'ids increase');
            assert.deepEqual(newest, {
                auditId: newest.auditId,
                at: 2,
                actor: undefined,
                action: 'instance.restart',
                target: 'instance:b',
                reason: undefined,
                details: '{}',
            });
            assert.deepEqual([oldest.at, oldest.actor, oldest.action, oldest.target, oldest.reason, oldest.details], [1, 'alice', 'instance.resume', 'instance:a', 'rollout', '{"k":1}']);
        });
        h.test('listAudit filters by target and pages with beforeId and limit', async (t) => {
            const p = await h.provider(t);
            for (let i = 1; i <= 5; i++) {
                await p.appendAudit(entry(i % 2 === 0 ? 'instance:even' : 'instance:odd', 'instance.resume', { at: i }));
            }
            const odd = await p.listAudit({ target: 'instance:odd', limit: 10 });
            assert.deepEqual(odd.map((a) => a.at), [5, 3, 1]);
            const firstPage = await p.listAudit({ limit: 2 });
            assert.deepEqual(firstPage.map((a) => a.at), [5, 4]);
            const secondPage = await p.listAudit({ limit: 2, beforeId: firstPage[1].auditId });
            assert.deepEqual(secondPage.map((a) => a.at), [3, 2]);
            const oddAfter = await p.listAudit({
                target: 'instance:odd',
                limit: 1,
                beforeId: odd[0].auditId,
            });
            assert.deepEqual(oddAfter.map((a) => a.at), [3]);
            assert.deepEqual(await p.listAudit({ target: 'instance:none', limit: 5 }), []);
        });
        h.test('listAudit rejects a limit outside 1 to 1000 with InvalidInputError', async (t) => {
            const p = await h.provider(t);
            for (const limit of [0, 1001, 1.5, -1]) {
                await rejectsWith(p.listAudit({ limit }), InvalidInputError, 'limit');
            }
            assert.deepEqual(await p.listAudit({ limit: 1000 }), []);
        });
    });
    describe('fleet: node registry', () => {
        h.test('a heartbeat stores the node and the next one replaces its row', async (t) => {
            const p = await h.provider(t);
            const first = node('node-1', 1_000);
            await p.heartbeatNode(first);
            assert.deepEqual(await p.listNodes(), [first]);
            const next = node('node-1', 2_000, {
                activities: ['charge'],
                orchestrations: [{ name: 'Flow', versions: ['2.0.0'] }],
                historyFormat: 3,
            });
            await p.heartbeatNode(next);
            assert.deepEqual(await p.listNodes(), [next]);
        });
        h.test('listNodes returns every node by id, stale ones included', async (t) => {
            const p = await h.provider(t);
            await p.heartbeatNode(node('node-b', 5_000));
            await p.heartbeatNode(node('node-a', 1));
            await p.heartbeatNode(node('node-c', 9_000, { orchestrations: [], activities: [] }));
            const nodes = await p.listNodes();
            assert.deepEqual(nodes.map((n) => n.nodeId), ['node-a', 'node-b', 'node-c']);
            assert.deepEqual(nodes[2], node('node-c', 9_000, { orchestrations: [], activities: [] }));
        });
        h.test('removeNode deletes that node only and ignores unknown ids', async (t) => {
            const p = await h.provider(t);
            await p.heartbeatNode(node('node-1', 1_000));
            await p.heartbeatNode(node('node-2', 1_000));
            await p.removeNode('node-1');
            await p.removeNode('node-unknown');
            assert.deepEqual((await p.listNodes()).map((n) => n.nodeId), ['node-2']);
        });
        h.test('pruneNodes deletes nodes last seen before the cutoff and returns how many', async (t) => {
            const p = await h.provider(t);
            await p.heartbeatNode(node('old-1', 1_000));
            await p.heartbeatNode(node('old-2', 1_999));
            await p.heartbeatNode(node('edge', 2_000));
            await p.heartbeatNode(node('fresh', 3_000));
            assert.equal(await p.pruneNodes(2_000), 2);
            assert.deepEqual((await p.listNodes()).map((n) => n.nodeId), ['edge', 'fresh']);
            assert.equal(await p.pruneNodes(2_000), 0);
        });
    });
    describe('fleet: instance version targets', () => {
        h.test('setInstanceVersion sets, keeps and clears the pin and next version, auditing each change', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'iv-1');
            assert.equal((await p.getInstance('iv-1'))?.versionPin, undefined);
            assert.equal(await p.setInstanceVersion('iv-1', { versionPin: '1.0.0', nextVersion: '2.0.0' }, entry('instance:iv-1', 'instance.pin')), true);
            let record = await p.getInstance('iv-1');
            assert.equal(record?.versionPin, '1.0.0');
            assert.equal(record?.nextVersion, '2.0.0');
            assert.equal(await p.setInstanceVersion('iv-1', { nextVersion: '3.0.0' }, entry('instance:iv-1', 'instance.next')), true);
            record = await p.getInstance('iv-1');
            assert.equal(record?.versionPin, '1.0.0', 'an absent field keeps its value');
            assert.equal(record?.nextVersion, '3.0.0');
            assert.equal(await p.setInstanceVersion('iv-1', { versionPin: null }, entry('instance:iv-1', 'instance.unpin')), true);
            record = await p.getInstance('iv-1');
            assert.equal(record?.versionPin, undefined);
            assert.equal(record?.nextVersion, '3.0.0');
            assert.deepEqual((await p.listAudit({ target: 'instance:iv-1', limit: 10 })).map((a) => a.action), ['instance.unpin', 'instance.next', 'instance.pin']);
        });
        h.test('setInstanceVersion on an unknown instance returns false and writes no audit entry', async (t) => {
            const p = await h.provider(t);
            assert.equal(await p.setInstanceVersion('iv-missing', { versionPin: '1.0.0' }, entry('instance:iv-missing')), false);
            assert.deepEqual(await p.listAudit({ limit: 10 }), []);
            assert.equal(await p.getInstance('iv-missing'), null);
        });
        const withQuery = h.requiring('management');
        withQuery.test('queried instance records carry the pin and next version', async (t) => {
            const p = await withQuery.provider(t);
            await startInstance(p, 'iv-q1');
            await startInstance(p, 'iv-q2');
            await p.setInstanceVersion('iv-q1', { versionPin: '1.0.0', nextVersion: '1.1.0' }, entry('instance:iv-q1'));
            const page = await p.queryInstances({ idPrefix: 'iv-q', limit: 10 });
            const byId = new Map(page.items.map((r) => [r.instanceId, r]));
            assert.equal(byId.get('iv-q1')?.versionPin, '1.0.0');
            assert.equal(byId.get('iv-q1')?.nextVersion, '1.1.0');
            assert.equal(byId.get('iv-q2')?.versionPin, undefined);
            assert.equal(byId.get('iv-q2')?.nextVersion, undefined);
        });
    });
}
//# sourceMappingURL=fleet-cases.js.map