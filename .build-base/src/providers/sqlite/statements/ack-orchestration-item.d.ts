/**
 * `ackOrchestrationItem`: the atomic commit of one orchestration turn.
 * @module
 */
import type Database from 'better-sqlite3';
import type { CancelledActivity, LockedWorkItem, OrchestrationAck, OrchestrationAckOptions } from '../../provider.js';
/** What the commit changed, for the signals emitted after it. */
interface AckOrchestrationResult {
    readonly instanceId: string;
    /**
     * Smallest `visible_at` among inserted orchestrator rows — or now, when the lock was released
     * while messages of the instance wait; undefined when neither.
     */
    readonly orchestratorVisibleAt: number | undefined;
    /** Worker rows inserted unlocked (claimed ones are not announced to other workers). */
    readonly workerItemCount: number;
    /**
     * `cancelledActivities` entries whose worker row existed before this ack and was deleted by
     * it (queued or running activities); entries scheduled and cancelled in this same ack, and
     * entries without a row, are left out.
     */
    readonly cancelledActivities: readonly CancelledActivity[];
    readonly claimedWorkItems: readonly LockedWorkItem[];
    readonly lockKept: boolean;
    readonly instanceCreatedAt: number | undefined;
}
export type AckOrchestrationItem = (lockToken: string, ack: OrchestrationAck, options: OrchestrationAckOptions, now: number) => AckOrchestrationResult;
/**
 * Everything below runs in one `BEGIN IMMEDIATE` transaction, validated first, so any error
 * (invalid/expired lock, duplicate event id, non-activity worker item) rolls back all of it and
 * leaves the instance lock in place for the runtime to abandon.
 *
 * Order matters in two places: worker items are inserted before `cancelledActivities` are
 * deleted (an activity scheduled and cancelled in the same turn ends up absent, step 12), and
 * the execution row is created only when the instance row exists, so an empty ack discarding
 * a batch for a never-started instance writes nothing at all.
 *
 * Work handed straight back to the caller (`OrchestrationAckOptions`): completed work items are
 * validated before anything is written (so a lost worker lock writes nothing) and deleted;
 * claimed worker items are inserted already locked; the instance lock is kept — extended — when
 * asked, the execution goes on and no visible message for the instance waits.
 *
 * Fleet versioning (`ack-fleet-writes.ts`): the metadata's history format, pin and consumed
 * next version go to the instance row after it is created or touched, and `reopen` runs just
 * before the delta is appended (so the delta may reuse the deleted failure's event id).
 *
 * KV (step 10) is derived from the delta's `KeyValueSet` / `KeyValueCleared` /
 * `KeyValuesCleared` events, applied in order to `kv_delta`; an ack that ends the execution
 * Completed or ContinuedAsNew then merges the delta into `kv_store` and clears it. A Failed
 * execution keeps its delta (docs/versioning.md, "Recovering after a bad deploy"): a resume
 * (`reopen`) replays from the pre-failure store and goes on with that delta, while an ack that
 * creates a new execution (a restart of the Failed instance) first drops it, so the new
 * execution starts from the store as it was before the failed one.
 */
export declare function prepareAckOrchestrationItem(db: Database.Database): AckOrchestrationItem;
export {};
