/**
 * `EventSubscriptions`: waits on external events and on queues, and the delivery of
 * `ExternalEvent` and `QueueEventDelivered` history events to them.
 *
 * External events are positional: an event goes to the oldest wait for that name that was
 * recorded in history before the event and is still waiting (not dropped); otherwise it stays
 * in history undelivered. A race-losing wait is dropped at once, so it never takes an event
 * (docs/decisions/0001-async-engine-emit-on-call.md).
 *
 * Queues are FIFO mailboxes: delivered messages are buffered in history order and handed to
 * waiting subscriptions in claim order; unconsumed messages are carried forward by
 * continue-as-new.
 * @module
 */
import { decodeJson } from '../json/json-codec.js';
export class EventSubscriptions {
    #tasks;
    /** Waits on external events by name, in history order. */
    #externals = new Map();
    #queues = new Map();
    constructor(tasks) {
        this.#tasks = tasks;
    }
    /**
     * The walk reached the `ExternalSubscribed` event `eventId`, claimed by the code: from here
     * on, an `ExternalEvent` named `name` may go to it.
     */
    addExternalWait(eventId, name) {
        const task = this.#tasks.get(eventId);
        if (task === undefined || task.internals.dropped)
            return;
        let subs = this.#externals.get(name);
        if (subs === undefined)
            this.#externals.set(name, (subs = []));
        subs.push({ eventId, task });
    }
    /** Delivers an `ExternalEvent`; returns true if the code may run. */
    deliverExternal(name, data) {
        const subs = this.#externals.get(name);
        while (subs !== undefined && subs.length > 0) {
            const sub = subs.shift();
            if (sub.task.internals.dropped || sub.task.isSettled)
                continue;
            return this.#tasks.settle(sub.task, { ok: true, value: decodeJson(data) });
        }
        return false; // no wait recorded before this event: kept in history, not delivered
    }
    /** The code claimed a `QueueSubscribed` event: it takes the next message of that queue. */
    addQueueWait(eventId, name, task) {
        const q = this.#queue(name);
        q.waiting.push({ eventId, task });
        this.#pump(q);
    }
    /** Delivers a `QueueEventDelivered`; returns true if the code may run. */
    deliverQueueMessage(eventId, name, data) {
        const q = this.#queue(name);
        q.buffer.push({ eventId, data });
        return this.#pump(q);
    }
    /** Appends the delivered messages no subscription has taken to `into`. */
    collectUnconsumed(into) {
        for (const [name, q] of this.#queues) {
            for (const m of q.buffer)
                into.push({ eventId: m.eventId, name, data: m.data });
        }
    }
    /** Hands buffered messages to waiting subscriptions, FIFO. */
    #pump(q) {
        let delivered = false;
        while (q.buffer.length > 0 && q.waiting.length > 0) {
            const sub = q.waiting.shift();
            if (sub.task.internals.dropped || sub.task.isSettled)
                continue;
            const message = q.buffer.shift();
            if (this.#tasks.settle(sub.task, { ok: true, value: decodeJson(message.data) }))
                delivered = true;
        }
        return delivered;
    }
    #queue(name) {
        let q = this.#queues.get(name);
        if (q === undefined)
            this.#queues.set(name, (q = { buffer: [], waiting: [] }));
        return q;
    }
}
//# sourceMappingURL=event-subscriptions.js.map