/**
 * Runs the pure replay engine on plain arrays of history events, with an injected clock.
 */
import { setImmediate as drainMacrotask } from 'node:timers/promises';
import { ReplayEngine } from '../../src/core/replay/replay-engine.js';
export const INSTANCE = 'inst-1';
export const ENGINE_VERSION = '0.1.0';
export function fixedClock(start = 1_000_000) {
    let t = start;
    return () => t++;
}
export function makeEngine(handler, history, opts = {}) {
    let guid = 0;
    return new ReplayEngine({
        instanceId: INSTANCE,
        executionId: opts.executionId ?? 1,
        history,
        start: history.length === 0
            ? { name: 'Flow', version: '1.0.0', input: JSON.stringify(opts.input ?? null) }
            : undefined,
        handler,
        clock: opts.clock ?? fixedClock(),
        newGuid: () => `guid-${++guid}`,
        drain: () => drainMacrotask(),
        duroxideVersion: ENGINE_VERSION,
    });
}
/** Runs one turn on a fresh engine (a full replay of `history`). */
export async function turn(handler, history, messages = [], opts = {}) {
    return makeEngine(handler, history, opts).runTurn(messages);
}
/** Builds events with consecutive ids starting at 1. */
export function history(...kinds) {
    return kinds.map((k, i) => ({
        eventId: i + 1,
        instanceId: INSTANCE,
        executionId: 1,
        timestampMs: 1,
        duroxideVersion: ENGINE_VERSION,
        ...k,
    }));
}
export const started = (input = null) => ({
    type: 'OrchestrationStarted',
    name: 'Flow',
    version: '1.0.0',
    input: JSON.stringify(input),
});
export const activityScheduled = (name, input = null) => ({
    type: 'ActivityScheduled',
    name,
    input: JSON.stringify(input),
});
export const activityCompleted = (source, result) => ({
    type: 'ActivityCompleted',
    result: JSON.stringify(result),
    sourceEventId: source,
});
export const activityDone = (id, result) => ({
    type: 'ActivityCompleted',
    instance: INSTANCE,
    executionId: 1,
    id,
    result: JSON.stringify(result),
});
export const timerFired = (id, fireAt = 0) => ({
    type: 'TimerFired',
    instance: INSTANCE,
    executionId: 1,
    id,
    fireAt,
});
export const raised = (name, data) => ({
    type: 'ExternalRaised',
    instance: INSTANCE,
    name,
    data: JSON.stringify(data),
});
/** Applies a turn's delta to a history (what the provider would store). */
export function commit(h, r) {
    return [...h, ...r.historyDelta];
}
export const types = (events) => events.map((e) => e.type);
//# sourceMappingURL=engine-harness.js.map