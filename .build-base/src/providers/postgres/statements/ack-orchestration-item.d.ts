import type { OrchestrationAck, OrchestrationAckOptions, OrchestrationAckResult } from '../../provider.js';
import type { Queryable } from '../database.js';
import type { CommitSignals } from '../notify/signal-payload.js';
import type { StatementContext } from './statement-context.js';
/** What the commit announces (`hasWorkerItems`: unclaimed worker rows only) and returns. */
type AckOrchestrationOutcome = CommitSignals & OrchestrationAckResult & {
    readonly instanceId: string;
};
export type AckOrchestrationItem = (db: Queryable, lockToken: string, ack: OrchestrationAck, options: OrchestrationAckOptions, now: number) => Promise<AckOrchestrationOutcome>;
/**
 * One call of the schema's `ack_orchestration_item` function (migration 0003's overload, which
 * is 0002's plus the fleet fields): one round trip,
 * one transaction, all or nothing. Claim indexes and worker item types are checked here first
 * (a bad one sends nothing). Then, in order:
 *
 * 1. Lock the instance lock row (`FOR UPDATE`) and validate it; an unknown or expired token
 *    writes nothing and is reported here as a permanent error.
 * 2. Lock the rows of `completedWorkItems` (`FOR UPDATE`) and validate each token
 *    (`locked_until > now`); an unknown or expired one writes nothing and is reported here as
 *    a permanent error naming it.
 * 3. Delete the batch's rows (only those marked with the token; newer ones remain) and the
 *    completed work items' rows, marking their sessions active (as `ackWorkItem` does).
 * 4. With name and version in the metadata: create the instance row if missing (parent set
 *    once), else update its name/version. Instances are created only here.
 * 5. Create the execution row if missing — only when the instance row exists, so an empty
 *    ack discarding a never-started instance's batch writes nothing — and overwrite its
 *    engine pin when one is given.
 * 6. Move the instance's current execution forward, touch `updated_at`, and apply a custom
 *    status change (`custom_status_version + 1`) — and, in the same statement, the fleet
 *    metadata: the history format and the pin when given, the next version cleared only while
 *    it equals `consumedNextVersion`, the version of a reopen.
 * 6b. Reopen (`ack.reopen`, checked right after step 2 — 'reopen-refused' writes nothing when
 *    the named failure is not the execution's last event or not an `OrchestrationFailed`):
 *    delete the failure, set the execution back to `Running` without output or completion
 *    time, and record the version on it and in its `OrchestrationStarted` event.
 * 7. Append the history delta (INSERT only, never reading existing rows — poison termination
 *    works on corrupt histories); a duplicate event id rolls back everything.
 * 8. Record a terminal status, output and completion time on the execution.
 * 9. Queue worker items — claimed ones already locked for the caller (a fresh token,
 *    `locked_until = now + claimWorkItems.lockTimeoutMs`, attempt 1) — THEN delete cancelled
 *    activities (scheduled and cancelled in the same turn ends up absent); the deleted ones
 *    are returned for `activityCancelled` signals.
 * 10. KV: apply the delta's `KeyValueSet` / `KeyValueCleared` / `KeyValuesCleared` events in
 *    order to `kv_delta` (a clear is a NULL tombstone); when the execution completes or
 *    continues as new, merge the delta into `kv_store` and empty it. A Failed execution keeps
 *    its delta (a reopen goes on with it); an ack that creates a new execution (a restart)
 *    first deletes a leftover delta, before this turn's KV events (docs/versioning.md,
 *    "Recovering after a bad deploy"). The 0001/0002 overloads still merge on failure.
 * 11. Queue orchestrator items (`TimerFired` visible at `fireAt`).
 * 12. With `keepLock`, extend the instance lock (same token, `now + keepLock.lockTimeoutMs`)
 *    if the ack sets no terminal status and no orchestrator row of the instance is visible
 *    (counting this turn's inserts); otherwise drop it.
 * 13. Read the instance row's `created_at` and NOTIFY (delivered on commit; the worker flag
 *    only when unclaimed worker rows were queued — claimed ones are the caller's to run).
 *
 * Rows are passed as parallel arrays and written with one `unnest` statement per table,
 * whatever the turn's size.
 */
export declare function prepareAckOrchestrationItem(ctx: StatementContext): AckOrchestrationItem;
export {};
