/**
 * `DurableTask<T>`: what every scheduling call on the orchestration context returns. It is a
 * thenable (so `await` works) and also the value a generator orchestration yields.
 *
 * A task is settled only by the replay engine, never by real I/O: the engine delivers one
 * recorded completion at a time, in history order, and lets the orchestration code run to its
 * next suspension before delivering the next one (docs/decisions/0001-async-engine-emit-on-call.md).
 * @module
 */
import { InvalidInputError } from '../errors/duroxide-error.js';
import { requireTag } from '../validation/arguments.js';
export class DurableTask {
    #promise;
    // Stored as `unknown` so DurableTask<T> stays covariant in T (a DurableTask<void> is a DurableTask<unknown>).
    #resolve;
    #reject;
    #settlement;
    #listeners;
    #onTag;
    #tag;
    #mapValue;
    /** @internal */
    internals;
    /** @internal Tasks are created by the orchestration context, never by user code. */
    constructor(kind, children = []) {
        this.#promise = new Promise((resolve, reject) => {
            this.#resolve = resolve;
            this.#reject = reject;
        });
        // A failed task nobody awaits must not surface as an unhandled rejection.
        this.#promise.catch(() => undefined);
        this.internals = {
            kind,
            scheduleEventId: undefined,
            observed: false,
            dropped: false,
            children,
        };
    }
    then(onfulfilled, onrejected) {
        this.internals.observed = true;
        return this.#promise.then(onfulfilled, onrejected);
    }
    catch(onrejected) {
        return this.then(undefined, onrejected);
    }
    finally(onfinally) {
        this.internals.observed = true;
        return this.#promise.finally(onfinally);
    }
    /**
     * Routes an activity to workers whose tag filter accepts `tag`. Call it right
     * away, in the same synchronous step as the scheduling call.
     */
    withTag(tag) {
        if (this.#onTag === undefined) {
            throw new InvalidInputError(`withTag() applies to activity tasks only, not to a ${this.internals.kind} task`);
        }
        // The byte limit is the runtime's configured one, checked by the engine.
        const checked = requireTag(tag, 'tag', Number.POSITIVE_INFINITY);
        this.#onTag(checked);
        this.#tag = checked;
        return this;
    }
    /** The routing tag set by {@link withTag}; undefined for an untagged task. */
    get tag() {
        return this.#tag;
    }
    /** @internal */
    get isSettled() {
        return this.#settlement !== undefined;
    }
    /** @internal */
    get settlement() {
        return this.#settlement;
    }
    /** @internal */
    setTagHandler(handler) {
        this.#onTag = handler;
    }
    /**
     * @internal Transforms the value this task resolves with (the `*Typed` methods parse JSON
     * text results); set right after creation, before anything can settle the task.
     */
    mapValue(map) {
        this.#mapValue = map;
        return this;
    }
    /** @internal Settles the task; a second settlement is ignored. Returns true if it settled now. */
    settle(settlement) {
        if (this.#settlement !== undefined || this.internals.dropped)
            return false;
        if (settlement.ok && this.#mapValue !== undefined)
            settlement = { ok: true, value: this.#mapValue(settlement.value) };
        this.#settlement = settlement;
        if (settlement.ok)
            this.#resolve(settlement.value);
        else
            this.#reject(settlement.error);
        const listeners = this.#listeners;
        this.#listeners = undefined;
        if (listeners !== undefined)
            for (const l of listeners)
                l();
        return true;
    }
    /** @internal Composites listen for their children settling. */
    onSettle(listener) {
        if (this.#settlement !== undefined) {
            listener();
            return;
        }
        (this.#listeners ??= []).push(listener);
    }
    /** @internal Whether settling this task can make orchestration code run. */
    get hasWaiters() {
        return this.internals.observed || (this.#listeners !== undefined && this.#listeners.length > 0);
    }
}
/** True for values that `await` would unwrap. */
export function isThenable(value) {
    return ((typeof value === 'object' || typeof value === 'function') &&
        value !== null &&
        typeof value.then === 'function');
}
//# sourceMappingURL=durable-task.js.map