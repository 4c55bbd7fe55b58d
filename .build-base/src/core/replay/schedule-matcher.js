/**
 * `ScheduleMatcher`: positional matching of the code's scheduling calls against history, and
 * the nondeterminism errors when they differ (docs/decisions/0001-async-engine-emit-on-call.md).
 *
 * A scheduling call claims the next unclaimed scheduling event in history at the moment it is
 * made (emit-on-call); when history has none left, the call appends a new event. The kind is
 * checked at once. The other fields (name, input, session, tag, …) are compared after the code
 * has settled ({@link ScheduleMatcher.validateClaims}), so a `.withTag()` chained on the call
 * is part of the comparison.
 * @module
 */
import { describeEvent, isScheduleEvent, } from '../history/history-event.js';
import { nondeterminismError } from '../errors/error-details.js';
export class ScheduleMatcher {
    #history;
    #scope;
    /** Index just past the last event the code claimed (or appended). */
    #cursor = 0;
    /** Replayed claims whose fields are compared once the code settles. */
    #unvalidated = [];
    constructor(history, scope) {
        this.#history = history;
        this.#scope = scope;
    }
    /**
     * Claims the next unclaimed scheduling event for `spec`, or appends a new one when history
     * has none left. A kind mismatch fails the execution and returns undefined.
     */
    claim(spec) {
        const history = this.#history;
        const i = this.#nextUnclaimedIndex();
        if (i < history.length) {
            const event = history.at(i);
            if (event.type !== spec.type) {
                const actual = describeEvent({ ...event, ...spec });
                this.#scope.fail(nondeterminismError(`${this.#scope.where()}: schedule mismatch at event ${event.eventId}: history has ${describeEvent(event)} but the code scheduled ${actual}. The code changed under a running execution; ship the change as a new orchestration version`, { eventId: event.eventId, expected: describeEvent(event), actual }));
                return undefined;
            }
            this.#cursor = i + 1;
            this.#unvalidated.push({ event, spec });
            return { event, index: i };
        }
        const event = history.append(spec);
        this.#cursor = history.length;
        return { event, index: history.length - 1 };
    }
    /** Whether the code has claimed the event at `index` by now. */
    isClaimed(index) {
        return index < this.#cursor;
    }
    /**
     * The walk reached a scheduling event the code has not claimed: the code did not (yet) make
     * the call history recorded there. A status or KV write the code no longer makes is
     * tolerated and passed over; anything else is nondeterminism.
     */
    passUnclaimed(event, index) {
        if (event.type === 'CustomStatusUpdated' ||
            event.type === 'KeyValueSet' ||
            event.type === 'KeyValueCleared' ||
            event.type === 'KeyValuesCleared') {
            this.#cursor = index + 1;
            return;
        }
        this.#scope.fail(nondeterminismError(`${this.#scope.where()}: history has ${describeEvent(event)} at event ${event.eventId} but the code scheduled nothing there (history schedule but no emitted action)`, { eventId: event.eventId, expected: describeEvent(event), actual: 'nothing scheduled' }));
    }
    /** Event id the next scheduling call will get (claimed or new). */
    nextScheduleEventId() {
        const i = this.#nextUnclaimedIndex();
        return i < this.#history.length ? this.#history.at(i).eventId : this.#history.nextEventId;
    }
    hasUnclaimedSchedule() {
        return this.#nextUnclaimedIndex() < this.#history.length;
    }
    #nextUnclaimedIndex() {
        const history = this.#history;
        let i = this.#cursor;
        while (i < history.length && !isScheduleEvent(history.at(i)))
            i++;
        return i;
    }
    /** Compares each claimed history event with what the code asked for; fails on the first difference. */
    validateClaims() {
        if (this.#unvalidated.length === 0)
            return;
        for (const { event, spec } of this.#unvalidated.splice(0)) {
            const mismatch = compareSchedule(spec, event);
            if (mismatch !== undefined) {
                const actual = describeEvent({ ...event, ...spec });
                this.#scope.fail(nondeterminismError(`${this.#scope.where()}: schedule mismatch at event ${event.eventId}: history has ${describeEvent(event)} but the code scheduled ${actual} (${mismatch}). The code changed under a running execution; ship the change as a new orchestration version`, {
                    eventId: event.eventId,
                    expected: describeEvent(event),
                    actual: `${actual} (${mismatch})`,
                }));
                return;
            }
        }
    }
    /**
     * Adds a tag to the activity claimed at `index`. A new event takes the tag; a replayed one
     * has it compared with history together with the rest of the call.
     */
    tagActivity(index, tag) {
        const history = this.#history;
        const event = history.at(index);
        if (event?.type !== 'ActivityScheduled')
            return;
        if (index >= history.persistedLength) {
            history.replaceSchedule(index, { ...event, tag });
            return;
        }
        const i = this.#unvalidated.findIndex((u) => u.event === event);
        const pending = this.#unvalidated[i];
        if (pending !== undefined && pending.spec.type === 'ActivityScheduled') {
            this.#unvalidated[i] = { event, spec: { ...pending.spec, tag } };
        }
        else if (event.tag !== tag) {
            this.#scope.fail(nondeterminismError(`${this.#scope.where()}: schedule mismatch at event ${event.eventId}: history has ${describeEvent(event)} but the code tagged it '${tag}'`));
        }
    }
}
/** Field comparison of a claimed event against the call; undefined when equal. */
function compareSchedule(spec, event) {
    switch (spec.type) {
        case 'ActivityScheduled': {
            const e = event;
            if (e.name !== spec.name)
                return `name '${e.name}' vs '${spec.name}'`;
            if (e.input !== spec.input)
                return `input ${e.input} vs ${spec.input}`;
            if ((e.sessionId ?? null) !== (spec.sessionId ?? null))
                return 'different session';
            if ((e.tag ?? null) !== (spec.tag ?? null))
                return `tag ${e.tag ?? 'none'} vs ${spec.tag ?? 'none'}`;
            return undefined;
        }
        case 'ExternalSubscribed':
        case 'QueueSubscribed': {
            const e = event;
            return e.name !== spec.name ? `name '${e.name}' vs '${spec.name}'` : undefined;
        }
        case 'SubOrchestrationScheduled': {
            const e = event;
            if (e.name !== spec.name)
                return `name '${e.name}' vs '${spec.name}'`;
            if (e.input !== spec.input)
                return `input ${e.input} vs ${spec.input}`;
            return undefined;
        }
        case 'OrchestrationChained': {
            const e = event;
            if (e.name !== spec.name)
                return `name '${e.name}' vs '${spec.name}'`;
            if (e.instance !== spec.instance)
                return `instance '${e.instance}' vs '${spec.instance}'`;
            if (e.input !== spec.input)
                return `input ${e.input} vs ${spec.input}`;
            return undefined;
        }
        case 'KeyValueSet': {
            const e = event;
            if (e.key !== spec.key)
                return `key '${e.key}' vs '${spec.key}'`;
            return e.value !== spec.value ? `value ${e.value} vs ${spec.value}` : undefined;
        }
        case 'KeyValueCleared': {
            const e = event;
            return e.key !== spec.key ? `key '${e.key}' vs '${spec.key}'` : undefined;
        }
        case 'TimerCreated':
        case 'CustomStatusUpdated':
        case 'KeyValuesCleared':
            return undefined;
    }
}
//# sourceMappingURL=schedule-matcher.js.map