/**
 * Builders and helpers shared by the provider conformance cases.
 * @module
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProviderError } from '../../core/errors/duroxide-error.js';
/** A clock that runs with real time plus an offset that `advance` moves forward. */
function offsetClock() {
    let offset = 0;
    return {
        now: () => Date.now() + offset,
        advance: (ms) => {
            offset += Math.max(0, ms);
            return Promise.resolve();
        },
    };
}
const REAL_CLOCK = { now: () => Date.now(), advance: (ms) => sleep(ms) };
/** The root harness of a suite (no capability required) and the names it registered. */
export function createHarness(options) {
    const state = {
        options,
        destroy: options.destroy ?? ((p) => p.close()),
        skips: new Map((options.skip ?? []).map((s) => [s.name, s.reason])),
        registered: new Set(),
        clocks: new WeakMap(),
        capabilities: undefined,
    };
    return {
        harness: harnessFor(state, []),
        unknownSkips: () => [...state.skips.keys()].filter((name) => !state.registered.has(name)),
    };
}
/** The capabilities the provider declares, read once per suite from a throwaway provider. */
function probeCapabilities(state) {
    state.capabilities ??= (async () => {
        const probe = await state.options.create({ now: () => Date.now() });
        try {
            return { ...probe.capabilities };
        }
        finally {
            await state.destroy(probe);
        }
    })();
    return state.capabilities;
}
function clockOf(state, t) {
    let clock = state.clocks.get(t);
    if (clock === undefined) {
        clock = state.options.honoursClock === true ? offsetClock() : REAL_CLOCK;
        state.clocks.set(t, clock);
    }
    return clock;
}
function harnessFor(state, required) {
    return {
        clock: (t) => clockOf(state, t),
        async provider(t) {
            const clock = clockOf(state, t);
            const provider = await state.options.create({ now: () => clock.now() });
            t.after(() => state.destroy(provider));
            return provider;
        },
        test(name, body) {
            state.registered.add(name);
            const reason = state.skips.get(name);
            if (reason !== undefined) {
                test(name, { skip: reason }, body);
                return;
            }
            if (required.length === 0) {
                test(name, body);
                return;
            }
            test(name, async (t) => {
                const declared = await probeCapabilities(state);
                const missing = required.filter((c) => !declared[c]);
                if (missing.length > 0) {
                    t.skip(`the provider does not declare the capability ${missing.map((c) => `'${c}'`).join(', ')}`);
                    return;
                }
                await body(t);
            });
        },
        requiring(capability) {
            return harnessFor(state, [...required, capability]);
        },
    };
}
const ENGINE_VERSION = '0.1.0';
export const DEFAULT_NAME = 'Flow';
export const DEFAULT_VERSION = '1.0.0';
/** Lock long enough that it never expires by accident during a test. */
export const LONG_LOCK_MS = 30_000;
export const FETCH = { lockTimeoutMs: LONG_LOCK_MS };
export function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
/** A history event with a full envelope. */
export function historyEvent(instanceId, executionId, eventId, kind) {
    return {
        eventId,
        instanceId,
        executionId,
        timestampMs: Date.now(),
        duroxideVersion: ENGINE_VERSION,
        ...kind,
    };
}
export function startedEvent(instanceId, executionId = 1, name = DEFAULT_NAME, version = DEFAULT_VERSION) {
    return historyEvent(instanceId, executionId, 1, {
        type: 'OrchestrationStarted',
        name,
        version,
        input: '{}',
    });
}
/** A schedule event usable as filler: `ActivityScheduled` at `eventId`. */
export function scheduledEvent(instanceId, executionId, eventId) {
    return historyEvent(instanceId, executionId, eventId, {
        type: 'ActivityScheduled',
        name: 'act',
        input: '1',
    });
}
export function startItem(instance, orchestration = DEFAULT_NAME, version) {
    // Absent optional fields are omitted (not `undefined`) so items compare equal after a JSON
    // round trip through storage.
    return {
        type: 'StartOrchestration',
        instance,
        orchestration,
        input: '{}',
        ...(version === undefined ? {} : { version }),
    };
}
export function externalRaised(instance, name = 'evt', data = '1') {
    return { type: 'ExternalRaised', instance, name, data };
}
export function queueMessage(instance, name = 'q', data = '1') {
    return { type: 'QueueMessage', instance, name, data };
}
export function activityExecute(instance, executionId, id, options = {}) {
    return {
        type: 'ActivityExecute',
        instance,
        executionId,
        id,
        name: 'act',
        input: String(id),
        ...(options.tag === undefined ? {} : { tag: options.tag }),
        ...(options.sessionId === undefined ? {} : { sessionId: options.sessionId }),
    };
}
export function activityCompleted(instance, executionId, id, result = '"ok"') {
    return { type: 'ActivityCompleted', instance, executionId, id, result };
}
export function timerFired(instance, executionId, id, fireAt) {
    return { type: 'TimerFired', instance, executionId, id, fireAt };
}
/** An ack with nothing in it except what `parts` sets. */
export function ack(executionId, parts = {}) {
    return {
        executionId,
        historyDelta: [],
        workerItems: [],
        orchestratorItems: [],
        metadata: {},
        cancelledActivities: [],
        ...parts,
    };
}
/** Metadata of the turn that starts an execution (it creates the instance row). */
export function startMetadata(name = DEFAULT_NAME, version = DEFAULT_VERSION, extra = {}) {
    return {
        orchestrationName: name,
        orchestrationVersion: version,
        pinnedDuroxideVersion: ENGINE_VERSION,
        ...extra,
    };
}
/** Fetches and asserts that the batch belongs to `instanceId`. */
export async function fetchFor(provider, instanceId, options = FETCH) {
    const locked = await provider.fetchOrchestrationItem(options);
    assert.ok(locked, `expected a batch for '${instanceId}', got none`);
    assert.equal(locked.item.instanceId, instanceId);
    return locked;
}
/** Enqueues a start, fetches it and acks the first turn, creating the instance row. */
export async function startInstance(provider, instanceId, options = {}) {
    const name = options.name ?? DEFAULT_NAME;
    const version = options.version ?? DEFAULT_VERSION;
    await provider.enqueueForOrchestrator(startItem(instanceId, name, version));
    const locked = await fetchFor(provider, instanceId);
    const delta = [startedEvent(instanceId, 1, name, version)];
    for (let i = 0; i < (options.extraEvents ?? 0); i++)
        delta.push(scheduledEvent(instanceId, 1, i + 2));
    await provider.ackOrchestrationItem(locked.lockToken, ack(1, {
        historyDelta: delta,
        workerItems: options.workerItems ?? [],
        metadata: startMetadata(name, version, { parentInstanceId: options.parentInstanceId }),
    }));
}
/** Asserts that `promise` rejects with a permanent `ProviderError`, optionally mentioning `text`. */
export async function rejectsPermanently(promise, text) {
    await assert.rejects(promise, (error) => {
        assert.ok(error instanceof ProviderError, `expected ProviderError, got ${String(error)}`);
        assert.equal(error.retryable, false, `expected a permanent error: ${error.message}`);
        if (text !== undefined)
            assert.ok(error.message.includes(text), `'${error.message}' should mention '${text}'`);
        return true;
    });
}
/** Polls `fetchOrchestrationItem` until a batch appears or `budgetMs` passes. */
export async function fetchEventually(provider, clock, budgetMs, options = FETCH) {
    const deadline = clock.now() + budgetMs;
    for (;;) {
        const locked = await provider.fetchOrchestrationItem(options);
        if (locked !== null || clock.now() >= deadline)
            return locked;
        await clock.advance(25);
    }
}
/**
 * Runs one turn for an existing instance that ends its current execution with `status`
 * (`ContinuedAsNew` leaves it between executions: no next execution is queued).
 */
export async function finishInstance(provider, instanceId, status = 'Completed') {
    await provider.enqueueForOrchestrator(externalRaised(instanceId));
    const locked = await fetchFor(provider, instanceId);
    await provider.ackOrchestrationItem(locked.lockToken, ack(locked.item.executionId, {
        metadata: { status, output: status === 'Completed' ? '"done"' : 'boom' },
    }));
}
/**
 * Ends the current execution with continue-as-new and acks the new execution's first turn,
 * like the runtime does; returns the new execution id.
 */
export async function continueInstanceAsNew(provider, instanceId, name = DEFAULT_NAME, version = DEFAULT_VERSION) {
    await provider.enqueueForOrchestrator(externalRaised(instanceId));
    const ending = await fetchFor(provider, instanceId);
    const from = ending.item.executionId;
    const nextEventId = ending.item.history.reduce((max, e) => Math.max(max, e.eventId), 0) + 1;
    await provider.ackOrchestrationItem(ending.lockToken, ack(from, {
        historyDelta: [
            historyEvent(instanceId, from, nextEventId, {
                type: 'OrchestrationContinuedAsNew',
                input: '{}',
            }),
        ],
        orchestratorItems: [
            { type: 'ContinueAsNew', instance: instanceId, orchestration: name, input: '{}', version },
        ],
        metadata: { status: 'ContinuedAsNew', output: '{}' },
    }));
    const next = await fetchFor(provider, instanceId);
    await provider.ackOrchestrationItem(next.lockToken, ack(from + 1, {
        historyDelta: [startedEvent(instanceId, from + 1, name, version)],
        metadata: startMetadata(name, version),
    }));
    return from + 1;
}
/** Every instance record, newest first (the brute-force side of query assertions). */
export async function allInstanceRecords(provider) {
    const records = [];
    for (const id of await provider.listInstances()) {
        const record = await provider.getInstance(id);
        assert.ok(record, `listed instance '${id}' has no record`);
        records.push(record);
    }
    return records;
}
/** Asserts that `promise` rejects with an error of class `type` (cross-copy `instanceof`). */
export async function rejectsWith(promise, type, text) {
    let caught;
    await assert.rejects(promise, (error) => {
        assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
        if (text !== undefined)
            assert.ok(error.message.includes(text), `'${error.message}' should mention '${text}'`);
        caught = error;
        return true;
    });
    return caught;
}
//# sourceMappingURL=conformance-fixtures.js.map