/**
 * The poison path: where the failure event goes. Pure cases on plain objects, then the
 * regression for unreadable history (a magic event id 99 999 was written, and a second poison
 * of the same execution collided with it and looped forever).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { poisonAck } from '../../../src/runtime/dispatchers/poison.js';
import { startHarness, uid } from '../../helpers/runtime-harness.js';
function locked(item = {}, attemptCount = 4) {
    return {
        lockToken: 'token',
        attemptCount,
        item: {
            instanceId: 'i-1',
            orchestrationName: 'Flow',
            orchestrationVersion: '1.0.0',
            executionId: 1,
            history: [],
            historyCached: false,
            messages: [],
            ...item,
        },
    };
}
function event(eventId, kind) {
    return {
        eventId,
        instanceId: 'i-1',
        executionId: 1,
        timestampMs: 0,
        duroxideVersion: '0.1.0',
        ...kind,
    };
}
const STARTED = event(1, {
    type: 'OrchestrationStarted',
    name: 'Flow',
    version: '1.0.0',
    input: 'null',
    parent: { instanceId: 'p', executionId: 2, scheduleEventId: 5 },
});
function batch(overrides) {
    return {
        locked: locked(),
        maxAttempts: 3,
        history: [],
        executionId: 1,
        start: undefined,
        reason: undefined,
        lastEventId: undefined,
        ...overrides,
    };
}
const context = { now: 7, resolveVersion: () => '2.0.0' };
describe('poison ack', () => {
    test('a never-started execution gets a synthesized start and the failure as events 1 and 2', () => {
        const ack = poisonAck(batch({
            start: {
                type: 'StartOrchestration',
                instance: 'i-1',
                orchestration: 'Ghost',
                input: '"x"',
            },
        }), context);
        assert.deepEqual(ack.historyDelta.map((e) => [e.eventId, e.type]), [
            [1, 'OrchestrationStarted'],
            [2, 'OrchestrationFailed'],
        ]);
        assert.equal(ack.metadata.orchestrationName, 'Ghost');
        assert.equal(ack.metadata.orchestrationVersion, '2.0.0', 'the registry decides a start without a version');
        assert.equal(ack.metadata.status, 'Failed');
    });
    test('the failure follows the last event of the history read, and the parent is told', () => {
        const history = [STARTED, event(2, { type: 'TimerCreated', fireAt: 1 })];
        const ack = poisonAck(batch({ history, reason: 'it crashed' }), context);
        assert.deepEqual(ack.historyDelta.map((e) => [e.eventId, e.type]), [[3, 'OrchestrationFailed']]);
        assert.match(String(ack.metadata.output), /^poison: orchestration i-1 exceeded 4 attempts \(max 3\): it crashed$/);
        assert.deepEqual(ack.orchestratorItems.map((m) => m.type), ['SubOrchFailed']);
        assert.equal(ack.metadata.orchestrationName, undefined, 'an existing execution keeps its recorded name');
    });
    test('the failure follows the last event a cached engine consumed', () => {
        const ack = poisonAck(batch({ lastEventId: 9 }), context);
        assert.deepEqual(ack.historyDelta.map((e) => e.eventId), [10]);
    });
    test('with unreadable history the failure goes after the stored events, never at a magic id', () => {
        const unreadable = locked({ historyError: 'event 2 does not parse' });
        const ack = poisonAck(batch({ locked: unreadable }), { ...context, storedEventCount: 5 });
        assert.deepEqual(ack.historyDelta.map((e) => [e.eventId, e.type]), [[6, 'OrchestrationFailed']]);
    });
});
/** Event ids and types of the instance's stored history, read without parsing the events. */
function storedEvents(file, instanceId) {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
        const rows = db
            .prepare('SELECT event_id, event_type FROM history WHERE instance_id = ? ORDER BY event_id')
            .all(instanceId);
        return rows.map((r) => [r.event_id, r.event_type]);
    }
    finally {
        db.close();
    }
}
function queuedMessages(file, instanceId) {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
        return db
            .prepare('SELECT COUNT(*) AS n FROM orchestrator_queue WHERE instance_id = ?')
            .get(instanceId).n;
    }
    finally {
        db.close();
    }
}
async function until(what, done) {
    for (let i = 0; i < 2000 && !done(); i++)
        await sleep(10);
    assert.ok(done(), what);
}
describe('poison with unreadable history', () => {
    test('appends the failure after the last stored event, and a later poison after that one', async (t) => {
        const { client, file } = await startHarness(t, (rt) => rt.registerOrchestration('Waits', async (ctx) => ctx.waitForEvent('go')), 
        // No cache: every turn loads (and fails to parse) the stored history.
        { instanceCacheSize: 0, maxAttempts: 1 });
        const id = uid('unreadable');
        await client.startOrchestration(id, 'Waits');
        await until('the orchestration waits for its event', () => storedEvents(file, id).length >= 2 && queuedMessages(file, id) === 0);
        const stored = storedEvents(file, id);
        const db = new Database(file);
        db.prepare("UPDATE history SET event_data = '{not json' WHERE instance_id = ? AND event_id = 1").run(id);
        db.close();
        await client.raiseEvent(id, 'go');
        const status = await client.waitForOrchestration(id, 20_000);
        assert.equal(status.status, 'Failed');
        assert.match(status.error, /poison: .*history could not be read/);
        const n = stored.length;
        assert.deepEqual(storedEvents(file, id), [...stored, [n + 1, 'OrchestrationFailed']]);
        // Another message for the instance: poisoned again (the history is still unreadable), and
        // consumed — the second failure event must not collide with the first.
        await client.raiseEvent(id, 'go');
        await until('the second batch is consumed', () => queuedMessages(file, id) === 0 && storedEvents(file, id).length === n + 2);
        assert.deepEqual(storedEvents(file, id).slice(n), [
            [n + 1, 'OrchestrationFailed'],
            [n + 2, 'OrchestrationFailed'],
        ]);
    });
});
//# sourceMappingURL=poison.test.js.map