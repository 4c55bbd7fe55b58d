/**
 * What the orchestration dispatcher does with a locked batch, decided on plain objects: no
 * provider, no engine, no clock.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { executionCode, resolveBatch, resolveCode, sortMessages, } from '../../../src/runtime/dispatchers/batch-resolution.js';
const I = 'inst-1';
const LIMITS = {
    maxAttempts: 3,
    historyFormat: 1,
    unregisteredBackoff: { baseMs: 100, maxMs: 1000 },
};
function ev(eventId, kind) {
    return {
        eventId,
        instanceId: I,
        executionId: 1,
        timestampMs: 0,
        duroxideVersion: '0.1.0',
        ...kind,
    };
}
const STARTED = ev(1, {
    type: 'OrchestrationStarted',
    name: 'Flow',
    version: '1.2.0',
    input: 'null',
});
const RUNNING = [STARTED, ev(2, { type: 'TimerCreated', fireAt: 5 })];
const COMPLETED = [STARTED, ev(2, { type: 'OrchestrationCompleted', output: '1' })];
const FAILED = [
    STARTED,
    ev(2, {
        type: 'OrchestrationFailed',
        details: { category: 'application', kind: 'OrchestrationFailed', message: 'boom' },
    }),
];
const CONTINUED = [
    STARTED,
    ev(2, { type: 'OrchestrationContinuedAsNew', input: '2' }),
];
const raised = { type: 'ExternalRaised', instance: I, name: 'go', data: 'null' };
const start = (orchestration = 'Flow', version) => ({
    type: 'StartOrchestration',
    instance: I,
    orchestration,
    input: '"in"',
    version,
});
const continueAsNew = {
    type: 'ContinueAsNew',
    instance: I,
    orchestration: 'Flow',
    input: '2',
    version: '1.3.0',
};
const resume = (executionId = 1) => ({
    type: 'ResumeOrchestration',
    instance: I,
    executionId,
    requestId: 'r-resume',
});
const restart = {
    type: 'RestartOrchestration',
    instance: I,
    orchestration: 'Flow',
    version: '2.0.0',
    input: '"again"',
    requestId: 'r-restart',
};
function input(messages, history, over = {}) {
    const { attemptCount = 1, cached, ...item } = over;
    return {
        item: {
            instanceId: I,
            orchestrationName: 'Flow',
            orchestrationVersion: '1.2.0',
            executionId: 1,
            history,
            historyCached: false,
            messages,
            ...item,
        },
        history,
        cached,
        attemptCount,
        limits: LIMITS,
    };
}
function expectKind(r, kind) {
    assert.equal(r.kind, kind, JSON.stringify(r));
    return r;
}
describe('batch resolution: guards', () => {
    test('unreadable history is handed back while attempts remain', () => {
        const r = expectKind(resolveBatch(input([raised], [], { historyError: 'event 2 does not parse', attemptCount: 3 })), 'retryUnreadable');
        assert.equal(r.error, 'event 2 does not parse');
    });
    test('unreadable history becomes poison once attempts are exhausted, naming the error', () => {
        const r = expectKind(resolveBatch(input([raised], [], { historyError: 'event 2 does not parse', attemptCount: 4 })), 'poison');
        assert.equal(r.reason, 'history could not be read: event 2 does not parse');
    });
    test('a history format newer than this node replays is deferred with the unregistered backoff', () => {
        const r = expectKind(resolveBatch(input([raised], RUNNING, { historyFormat: 2, attemptCount: 3 })), 'deferFormat');
        assert.deepEqual(r, { kind: 'deferFormat', historyFormat: 2, delayMs: 400 });
    });
    test('a format this node replays, or none recorded (legacy 1), is not deferred', () => {
        assert.equal(resolveBatch(input([raised], RUNNING, { historyFormat: 1 })).kind, 'existingExecution');
        assert.equal(resolveBatch(input([raised], RUNNING)).kind, 'existingExecution');
    });
});
describe('batch resolution: a new instance', () => {
    test('a start creates execution 1 with its messages delivered', () => {
        const s = start();
        const r = expectKind(resolveBatch(input([s, raised], [])), 'newExecution');
        assert.equal(r.cause, 'start');
        assert.equal(r.executionId, 1);
        assert.equal(r.start, s);
        assert.deepEqual(r.messages, [s, raised]);
    });
    test('a StartOrchestration is preferred over a ContinueAsNew queued before it', () => {
        const s = start();
        const r = expectKind(resolveBatch(input([continueAsNew, s], [])), 'newExecution');
        assert.equal(r.start, s);
    });
    test('a lone ContinueAsNew starts a never-started instance', () => {
        const r = expectKind(resolveBatch(input([continueAsNew], [])), 'newExecution');
        assert.equal(r.cause, 'continueAsNew');
        assert.equal(r.executionId, 1);
    });
    test('messages without a start are discarded and operator requests are not answered', () => {
        const r = expectKind(resolveBatch(input([raised, restart], [])), 'discard');
        assert.equal(r.why, 'no start message for an instance that has not started');
        assert.deepEqual(r.refuse, []);
    });
});
describe('batch resolution: an existing execution', () => {
    test('a running execution replays its history for the batch', () => {
        const r = expectKind(resolveBatch(input([raised], RUNNING)), 'existingExecution');
        assert.equal(r.cached, false);
        assert.equal(r.executionId, 1);
        assert.equal(r.history, RUNNING);
    });
    test('a cached engine runs the turn without looking at history', () => {
        const r = expectKind(resolveBatch(input([raised], [], { historyCached: true, cached: { name: 'Flow', version: '1.2.0' } })), 'existingExecution');
        assert.equal(r.cached, true);
    });
    test('starts for a running execution are passed on to be rejected, operator requests to be refused', () => {
        const r = expectKind(resolveBatch(input([start('Other'), raised, resume()], RUNNING)), 'existingExecution');
        assert.deepEqual(r.starts.map((m) => m.type), ['StartOrchestration']);
        assert.deepEqual(r.requests.map((m) => m.type), ['ResumeOrchestration']);
        assert.deepEqual(r.messages.map((m) => m.type), ['StartOrchestration', 'ExternalRaised'], 'requests are not delivered to the code');
    });
    test('a finished instance discards its messages and refuses every request', () => {
        const r = expectKind(resolveBatch(input([raised, resume()], COMPLETED)), 'discard');
        assert.equal(r.why, 'instance already finished');
        assert.deepEqual(r.refuse.map((m) => m.type), ['ResumeOrchestration'], 'only a Failed execution is resumed');
    });
    test('a continued-as-new execution moves on to the next execution with its ContinueAsNew', () => {
        const r = expectKind(resolveBatch(input([continueAsNew, raised], CONTINUED)), 'newExecution');
        assert.equal(r.cause, 'continueAsNew');
        assert.equal(r.executionId, 2);
        assert.equal(r.start, continueAsNew);
    });
    test('a continued-as-new execution without its ContinueAsNew discards the batch', () => {
        const r = expectKind(resolveBatch(input([raised, start()], CONTINUED)), 'discard');
        assert.equal(r.why, 'execution continued as new');
        assert.equal(r.starts.length, 1, 'the start is rejected (its parent is told)');
    });
});
describe('batch resolution: operator requests', () => {
    test('ResumeOrchestration of the Failed current execution resumes it', () => {
        const request = resume(1);
        const r = expectKind(resolveBatch(input([raised, request, restart], FAILED)), 'resume');
        assert.equal(r.request, request);
        assert.equal(r.history, FAILED);
        assert.deepEqual(r.requests, [request, restart], 'the others are refused by the resume');
        assert.deepEqual(r.messages, [raised]);
    });
    test('ResumeOrchestration of another execution does not resume; with no restart the batch is discarded', () => {
        const r = expectKind(resolveBatch(input([resume(7)], FAILED)), 'discard');
        assert.equal(r.why, 'instance already finished');
        assert.equal(r.refuse.length, 1);
    });
    test('RestartOrchestration of a finished instance creates the next execution from the request', () => {
        const r = expectKind(resolveBatch(input([restart, resume(1)], COMPLETED, { executionId: 4 })), 'newExecution');
        assert.equal(r.cause, 'restart');
        assert.equal(r.executionId, 5);
        assert.equal(r.restart, restart);
        assert.deepEqual(r.start, {
            type: 'StartOrchestration',
            instance: I,
            orchestration: 'Flow',
            input: '"again"',
            version: '2.0.0',
        });
    });
    test('RestartOrchestration of a Failed instance restarts it when no resume of it is queued', () => {
        const r = expectKind(resolveBatch(input([restart], FAILED)), 'newExecution');
        assert.equal(r.cause, 'restart');
    });
    test('RestartOrchestration of a running instance runs a turn; the request is left to be refused', () => {
        const r = expectKind(resolveBatch(input([restart], RUNNING)), 'existingExecution');
        assert.deepEqual(r.requests, [restart]);
        assert.deepEqual(r.messages, []);
    });
});
describe('execution code', () => {
    const target = (r) => {
        assert.ok(r.kind === 'newExecution' || r.kind === 'existingExecution', r.kind);
        return r;
    };
    test('a new execution runs the code its start names, version undecided when absent', () => {
        const i = input([start('Other')], []);
        assert.deepEqual(executionCode(target(resolveBatch(i)), i), {
            name: 'Other',
            version: undefined,
        });
        const j = input([continueAsNew], CONTINUED);
        assert.deepEqual(executionCode(target(resolveBatch(j)), j), { name: 'Flow', version: '1.3.0' });
    });
    test('an existing execution runs the version recorded in its OrchestrationStarted', () => {
        const i = input([raised], RUNNING, { orchestrationVersion: '9.9.9' });
        assert.deepEqual(executionCode(target(resolveBatch(i)), i), { name: 'Flow', version: '1.2.0' });
    });
    test('a cached engine knows its code', () => {
        const i = input([raised], [], {
            historyCached: true,
            cached: { name: 'Cached', version: '3.0.0' },
        });
        assert.deepEqual(executionCode(target(resolveBatch(i)), i), {
            name: 'Cached',
            version: '3.0.0',
        });
    });
    test('history without its start falls back to the instance row', () => {
        const i = input([raised], [ev(5, { type: 'TimerCreated', fireAt: 1 })], {
            orchestrationName: 'Row',
            orchestrationVersion: '0.1.0',
        });
        assert.deepEqual(executionCode(target(resolveBatch(i)), i), { name: 'Row', version: '0.1.0' });
    });
});
describe('code resolution', () => {
    const code = { name: 'Flow', version: '1.2.0' };
    test('a registered handler runs the turn', () => {
        assert.deepEqual(resolveCode({ code, handler: 'h', attemptCount: 3, limits: LIMITS }), {
            kind: 'run',
            handler: 'h',
        });
    });
    test('a registered handler whose batch keeps failing becomes poison without a reason', () => {
        assert.deepEqual(resolveCode({ code, handler: 'h', attemptCount: 4, limits: LIMITS }), {
            kind: 'poison',
            reason: undefined,
        });
    });
    test('missing code is deferred to other nodes with backoff, counting down to poison', () => {
        assert.deepEqual(resolveCode({ code, handler: undefined, attemptCount: 2, limits: LIMITS }), {
            kind: 'deferCode',
            what: "'Flow'@1.2.0",
            delayMs: 200,
            attemptsLeft: 2,
        });
    });
    test('missing code with no version decided says so', () => {
        const r = resolveCode({
            code: { name: 'Ghost', version: undefined },
            handler: undefined,
            attemptCount: 1,
            limits: LIMITS,
        });
        assert.equal(r.kind === 'deferCode' ? r.what : r.kind, "'Ghost' (no version registered here)");
    });
    test('missing code becomes poison once attempts are exhausted, naming the fix', () => {
        const r = resolveCode({ code, handler: undefined, attemptCount: 4, limits: LIMITS });
        assert.equal(r.kind, 'poison');
        assert.match(r.kind === 'poison' ? String(r.reason) : '', /orchestration 'Flow'@1\.2\.0 is not registered on the runtimes that tried it; register it/);
    });
});
describe('message sorting', () => {
    test('operator requests are taken out of the turn, starts are listed, order is kept', () => {
        const s = start();
        const sorted = sortMessages([raised, restart, s, resume(), continueAsNew]);
        assert.deepEqual(sorted.messages, [raised, s, continueAsNew]);
        assert.deepEqual(sorted.starts, [s, continueAsNew]);
        assert.deepEqual(sorted.requests, [restart, resume()]);
    });
});
//# sourceMappingURL=batch-resolution.test.js.map