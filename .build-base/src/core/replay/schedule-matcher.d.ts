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
import { type HistoryEvent } from '../history/history-event.js';
import type { ScheduleCall } from '../context/orchestration-context.js';
import type { ExecutionHistory } from './execution-history.js';
import type { ExecutionScope } from './execution-scope.js';
/** The scheduling part of an event kind: what a context call asks for. */
export type ScheduleSpec = ScheduleCall;
/** A history event claimed by a call, and its index in history. */
export interface Claim {
    readonly event: HistoryEvent;
    readonly index: number;
}
export declare class ScheduleMatcher {
    #private;
    constructor(history: ExecutionHistory, scope: ExecutionScope);
    /**
     * Claims the next unclaimed scheduling event for `spec`, or appends a new one when history
     * has none left. A kind mismatch fails the execution and returns undefined.
     */
    claim(spec: ScheduleSpec): Claim | undefined;
    /** Whether the code has claimed the event at `index` by now. */
    isClaimed(index: number): boolean;
    /**
     * The walk reached a scheduling event the code has not claimed: the code did not (yet) make
     * the call history recorded there. A status or KV write the code no longer makes is
     * tolerated and passed over; anything else is nondeterminism.
     */
    passUnclaimed(event: HistoryEvent, index: number): void;
    /** Event id the next scheduling call will get (claimed or new). */
    nextScheduleEventId(): number;
    hasUnclaimedSchedule(): boolean;
    /** Compares each claimed history event with what the code asked for; fails on the first difference. */
    validateClaims(): void;
    /**
     * Adds a tag to the activity claimed at `index`. A new event takes the tag; a replayed one
     * has it compared with history together with the rest of the call.
     */
    tagActivity(index: number, tag: string): void;
}
