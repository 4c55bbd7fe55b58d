import { SYSCALL_GET_KV_VALUE, SYSCALL_NEW_GUID, SYSCALL_UTC_NOW } from '../syscall-names.js';
import { decodeJson } from '../json/json-codec.js';
import { encodePayload, requireActivityName, requireDurationMs, requireEventName, requireInstanceId, requireKvKey, requireNewInstanceId, requireOrchestrationName, requireQueueName, requireSessionId, requireVersion, } from '../validation/arguments.js';
import { checkRetryPolicy, scheduleWithRetry } from './activity-retry.js';
import { allOf, raceOf, } from './task-combinators.js';
import { parseAllResults, parseJsonText, parseRaceResult } from './typed-results.js';
export class OrchestrationContext {
    #host;
    /** Set by a typed method around its untyped call; consumed by the one task it schedules. */
    #pendingMap;
    /** @internal Created by the replay engine. */
    constructor(host) {
        this.#host = host;
    }
    #schedule(spec, kind) {
        const map = this.#pendingMap;
        this.#pendingMap = undefined;
        return this.#host.schedule(spec, kind, map);
    }
    /** Runs one untyped scheduling call so that the task it schedules parses JSON-text results. */
    #typed(schedule) {
        this.#pendingMap = parseJsonText;
        try {
            return schedule();
        }
        finally {
            this.#pendingMap = undefined;
        }
    }
    #encode(value, what) {
        return encodePayload(value, what, { maxBytes: this.#host.limits.maxPayloadBytes });
    }
    /** The instance id. */
    get instanceId() {
        return this.#host.instanceId;
    }
    /** Execution number, starting at 1 and incremented by each continue-as-new. */
    get executionId() {
        return this.#host.executionId;
    }
    get orchestrationName() {
        return this.#host.orchestrationName;
    }
    /** The semver version this execution runs (recorded when the execution started). */
    get orchestrationVersion() {
        return this.#host.orchestrationVersion;
    }
    /** The awaiting parent, for a sub-orchestration. */
    get parentInstanceId() {
        return this.#host.parent?.instanceId;
    }
    /** True while the code re-executes history that was already recorded. */
    get isReplaying() {
        return this.#host.isReplaying;
    }
    /**
     * Schedules an activity; resolves with its output, or throws `ActivityFailedError`.
     * @example const receipt = await ctx.scheduleActivity('Charge', { amount: 42 });
     */
    scheduleActivity(name, input, options) {
        const activity = requireActivityName(name);
        const sessionId = options?.sessionId === undefined ? undefined : requireSessionId(options.sessionId);
        return this.#schedule({
            type: 'ActivityScheduled',
            name: activity,
            input: this.#encode(input, 'activity input'),
            sessionId,
        }, 'activity');
    }
    /** Schedules an activity on the worker that owns `sessionId`. */
    scheduleActivityOnSession(name, input, sessionId) {
        return this.scheduleActivity(name, input, { sessionId });
    }
    /**
     * Schedules an activity and retries it on failure with backoff; the waits are durable timers,
     * so a crash between attempts resumes correctly. Resolves with the first successful output;
     * throws the last error when attempts run out, or a timeout error (`kind: 'Timeout'`).
     * @example
     * await ctx.scheduleActivityWithRetry('Charge', order, { maxAttempts: 5, timeoutMs: 10_000, backoff: 'exponential' });
     */
    scheduleActivityWithRetry(name, input, retry) {
        return this.#withRetry(name, input, retry, undefined);
    }
    /** {@link scheduleActivityWithRetry} with every attempt on the same session. */
    scheduleActivityWithRetryOnSession(name, input, retry, sessionId) {
        return this.#withRetry(name, input, retry, requireSessionId(sessionId));
    }
    #withRetry(name, input, retry, sessionId) {
        const policy = checkRetryPolicy(retry);
        // Validate name and input now, so mistakes throw at the call site.
        requireActivityName(name);
        this.#encode(input, 'activity input');
        return scheduleWithRetry({
            scheduleActivity: (n, i, session) => this.scheduleActivity(n, i, session === undefined ? undefined : { sessionId: session }),
            scheduleTimer: (ms) => this.scheduleTimer(ms),
            race: (a, b) => this.race(a, b),
            utcNow: () => this.utcNow(),
            traceWarn: (message) => this.traceWarn(message),
            track: (task) => this.#host.track(task),
        }, name, input, policy, sessionId);
    }
    /** A durable timer: resolves with null after `delayMs` (survives restarts). */
    scheduleTimer(delayMs) {
        const fireAt = this.#host.now() + Math.ceil(requireDurationMs(delayMs, 'timer delay'));
        return this.#schedule({ type: 'TimerCreated', fireAt }, 'timer');
    }
    /**
     * Waits for an external event raised with `client.raiseEvent`. An event raised before this
     * wait is recorded is kept in history but not delivered.
     */
    waitForEvent(eventName) {
        return this.#schedule({ type: 'ExternalSubscribed', name: requireEventName(eventName) }, 'external');
    }
    /** Takes the next message of a persistent FIFO queue fed by `client.enqueueEvent`. */
    dequeueEvent(queueName) {
        return this.#schedule({ type: 'QueueSubscribed', name: requireQueueName(queueName) }, 'queue');
    }
    /** Runs a child orchestration (version by policy) and resolves with its output. */
    scheduleSubOrchestration(name, input) {
        return this.#subOrchestration(name, undefined, undefined, input);
    }
    scheduleSubOrchestrationWithId(name, instanceId, input) {
        return this.#subOrchestration(name, undefined, requireNewInstanceId(instanceId), input);
    }
    scheduleSubOrchestrationVersioned(name, version, input) {
        return this.#subOrchestration(name, requireVersion(version), undefined, input);
    }
    scheduleSubOrchestrationVersionedWithId(name, version, instanceId, input) {
        return this.#subOrchestration(name, requireVersion(version), requireNewInstanceId(instanceId), input);
    }
    #subOrchestration(name, version, instanceId, input) {
        const orchestration = requireOrchestrationName(name);
        const encoded = this.#encode(input, 'sub-orchestration input');
        const instance = instanceId ?? this.#host.autoChildId();
        return this.#schedule({ type: 'SubOrchestrationScheduled', name: orchestration, instance, input: encoded, version }, 'subOrchestration');
    }
    /** Starts an independent orchestration (fire-and-forget, no parent link). */
    startOrchestration(name, instanceId, input) {
        return this.#detached(name, undefined, instanceId, input);
    }
    startOrchestrationVersioned(name, version, instanceId, input) {
        return this.#detached(name, requireVersion(version), instanceId, input);
    }
    #detached(name, version, instanceId, input) {
        return this.#schedule({
            type: 'OrchestrationChained',
            name: requireOrchestrationName(name),
            instance: requireNewInstanceId(instanceId),
            input: this.#encode(input, 'orchestration input'),
            version,
        }, 'detached');
    }
    /**
     * Ends this execution and starts the next one with `input`, running the version the policy
     * selects (by default the latest: this is where upgrades happen). The returned task never
     * resolves; `return` or `yield` it.
     */
    continueAsNew(input) {
        return this.#host.requestContinueAsNew(this.#encode(input, 'continue-as-new input'), undefined);
    }
    /** Like {@link continueAsNew}, with an explicit version for the next execution. */
    continueAsNewVersioned(input, version) {
        return this.#host.requestContinueAsNew(this.#encode(input, 'continue-as-new input'), requireVersion(version));
    }
    /** Current time in epoch ms, recorded in history (same value on every replay). */
    utcNow() {
        return this.#host.systemCall(SYSCALL_UTC_NOW, () => this.#host.now());
    }
    /** A random UUID, recorded in history (same value on every replay). */
    newGuid() {
        return this.#host.systemCall(SYSCALL_NEW_GUID, () => this.#host.newGuid());
    }
    /**
     * Waits for every task; resolves with `[{ ok: value } | { err: error }]` in argument order.
     * Never throws: each element carries its own outcome.
     */
    all(tasks) {
        return allOf(this.#host, tasks);
    }
    /**
     * Resolves with the first task to complete, in history order (`{ index, value }`); if that
     * task failed, throws its error. The other tasks are cancelled where possible.
     */
    race(...tasks) {
        const list = (tasks.length === 1 && Array.isArray(tasks[0]) ? tasks[0] : tasks);
        return raceOf(this.#host, list);
    }
    // ---- duroxide-node's typed family: the same scheduling calls, whose results are parsed once
    // more when they are JSON text (see typed-results.ts); inputs are JSON-encoded as everywhere.
    /** {@link scheduleActivity} with a typed, JSON-parsed result. */
    scheduleActivityTyped(name, input) {
        return this.#typed(() => this.scheduleActivity(name, input));
    }
    /** {@link scheduleActivityOnSession} with a typed, JSON-parsed result. */
    scheduleActivityOnSessionTyped(name, input, sessionId) {
        return this.#typed(() => this.scheduleActivityOnSession(name, input, sessionId));
    }
    /** {@link scheduleActivityWithRetry} with a typed, JSON-parsed result. */
    scheduleActivityWithRetryTyped(name, input, retry) {
        // A retry composite settles only after an attempt completes, never at creation.
        return this.scheduleActivityWithRetry(name, input, retry).mapValue(parseJsonText);
    }
    /** {@link scheduleActivityWithRetryOnSession} with a typed, JSON-parsed result. */
    scheduleActivityWithRetryOnSessionTyped(name, input, retry, sessionId) {
        return this.scheduleActivityWithRetryOnSession(name, input, retry, sessionId).mapValue(parseJsonText);
    }
    /** {@link scheduleSubOrchestration} with a typed, JSON-parsed result. */
    scheduleSubOrchestrationTyped(name, input) {
        return this.#typed(() => this.scheduleSubOrchestration(name, input));
    }
    /** {@link scheduleSubOrchestrationWithId} with a typed, JSON-parsed result. */
    scheduleSubOrchestrationWithIdTyped(name, instanceId, input) {
        return this.#typed(() => this.scheduleSubOrchestrationWithId(name, instanceId, input));
    }
    /** {@link waitForEvent} with typed, JSON-parsed event data. */
    waitForEventTyped(eventName) {
        return this.#typed(() => this.waitForEvent(eventName));
    }
    /** {@link dequeueEvent} with a typed, JSON-parsed message. */
    dequeueEventTyped(queueName) {
        return this.#typed(() => this.dequeueEvent(queueName));
    }
    /** Same as {@link startOrchestration} (inputs are always JSON-encoded). */
    startOrchestrationTyped(name, instanceId, input) {
        return this.startOrchestration(name, instanceId, input);
    }
    /** Same as {@link startOrchestrationVersioned}. */
    startOrchestrationVersionedTyped(name, version, instanceId, input) {
        return this.startOrchestrationVersioned(name, version, instanceId, input);
    }
    /** Same as {@link continueAsNew}. */
    continueAsNewTyped(input) {
        return this.continueAsNew(input);
    }
    /** {@link all} with each `ok`/`err` JSON-parsed. */
    allTyped(tasks) {
        return allOf(this.#host, tasks, parseAllResults);
    }
    /** {@link race} with the winner's value JSON-parsed. */
    raceTyped(...tasks) {
        const list = tasks.length === 1 && Array.isArray(tasks[0]) ? tasks[0] : tasks;
        return raceOf(this.#host, list, parseRaceResult);
    }
    /** Sets the custom status clients see (`getStatus().customStatus`). */
    setCustomStatus(status) {
        this.#host.setCustomStatus(this.#encode(status, 'custom status'));
    }
    resetCustomStatus() {
        this.#host.setCustomStatus(undefined);
    }
    /** The custom status as last set (this turn or earlier, kept across continue-as-new); null when none. */
    getCustomStatus() {
        const s = this.#host.getCustomStatus();
        return s === undefined ? null : decodeJson(s);
    }
    /**
     * Sets a value in this instance's key-value store (survives continue-as-new; readable by
     * clients and other instances). Values are JSON.
     * @throws InvalidInputError beyond the size or key-count limits
     */
    setValue(key, value) {
        this.#host.kvSet(requireKvKey(key), this.#encode(value, `value of '${key}'`));
    }
    /** A value of this instance's store, including writes made earlier in this turn; null when absent. */
    getValue(key) {
        const e = this.#host.kvEntries().get(key);
        return e === undefined ? null : decodeJson(e.value);
    }
    clearValue(key) {
        this.#host.kvClear(requireKvKey(key));
    }
    clearAllValues() {
        this.#host.kvClearAll();
    }
    getKvAllValues() {
        const all = {};
        for (const [k, e] of this.#host.kvEntries())
            all[k] = decodeJson(e.value);
        return all;
    }
    getKvAllKeys() {
        return [...this.#host.kvEntries().keys()];
    }
    getKvLength() {
        return this.#host.kvEntries().size;
    }
    /** Clears every key last updated before `cutoffMs` (epoch ms); returns how many. */
    pruneKvValuesUpdatedBefore(cutoffMs) {
        requireDurationMs(cutoffMs, 'cutoffMs');
        let n = 0;
        for (const [k, e] of [...this.#host.kvEntries()]) {
            if (e.lastUpdatedAt < cutoffMs) {
                this.#host.kvClear(k);
                n++;
            }
        }
        return n;
    }
    /** Reads a value from another instance's store, recorded in history. */
    getValueFromInstance(instanceId, key) {
        const input = encodePayload({ instanceId: requireInstanceId(instanceId), key: requireKvKey(key) }, 'input');
        return this.#schedule({ type: 'ActivityScheduled', name: SYSCALL_GET_KV_VALUE, input }, 'system');
    }
    /** Logs at info level unless replaying. */
    traceInfo(message) {
        this.#host.trace('info', message);
    }
    traceWarn(message) {
        this.#host.trace('warn', message);
    }
    traceError(message) {
        this.#host.trace('error', message);
    }
    traceDebug(message) {
        this.#host.trace('debug', message);
    }
}
//# sourceMappingURL=orchestration-context.js.map