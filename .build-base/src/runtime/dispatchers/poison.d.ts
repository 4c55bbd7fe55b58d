/**
 * The poison path: a batch that failed `maxAttempts` times (its code crashes the
 * turn, no runtime has its code, its history cannot be read) fails the execution with a reason
 * instead of being retried forever. A parent orchestration is told, like for any failure.
 * @module
 */
import type { HistoryEvent } from '../../core/history/history-event.js';
import type { LockedOrchestrationItem, OrchestrationAck, Provider } from '../../providers/provider.js';
import type { StartItem } from './batch-resolution.js';
/** The batch being poisoned and what the dispatcher knows about its execution. */
export interface PoisonedBatch {
    readonly locked: LockedOrchestrationItem;
    readonly maxAttempts: number;
    /** The execution's history as read (empty for a new execution or unreadable history). */
    readonly history: readonly HistoryEvent[];
    readonly executionId: number;
    /** The start message, when the batch would have created the execution. */
    readonly start: StartItem | undefined;
    /** Why, appended to the message (e.g. the code is not registered anywhere). */
    readonly reason: string | undefined;
    /** Largest event id of the execution, when a cached engine knows it (history is then empty). */
    readonly lastEventId: number | undefined;
}
/** Where the poison event goes and what a never-started execution records. */
export interface PoisonContext {
    /** Epoch ms stamped on the events. */
    readonly now: number;
    /**
     * Number of events the execution has in storage, asked for only when its history could not
     * be read: event ids of an execution run 1..n without gaps (history is append-only and a
     * resume removes only the last event), so the failure goes at n + 1.
     */
    readonly storedEventCount?: number | undefined;
    /** The version a never-started execution records when its start names none. */
    readonly resolveVersion: (name: string) => string | undefined;
}
/**
 * The ack that fails the execution as poison. A never-started execution gets a synthesized
 * `OrchestrationStarted` first, so the instance exists (and can be inspected and deleted).
 */
export declare function poisonAck(batch: PoisonedBatch, context: PoisonContext): OrchestrationAck;
/** How many events the batch's execution has in storage, when its history could not be read. */
export declare function storedEventCount(provider: Provider, batch: PoisonedBatch): Promise<number | undefined>;
