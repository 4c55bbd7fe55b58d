import { ProviderError } from '../../../core/errors/duroxide-error.js';
import { visibleAtFor } from '../../../core/history/work-item.js';
import { randomUUID } from 'node:crypto';
import { completedWorkLockLostError, instanceLockLostError, } from '../../shared/lock-token-errors.js';
import { isUniqueViolation } from '../to-provider-error.js';
import { prepareInsertOrchestratorItem } from './insert-orchestrator-item.js';
import { prepareKvDeltaWrites } from './write-kv-delta.js';
import { prepareTouchSession } from './touch-session.js';
import { prepareAckFleetWrites } from './ack-fleet-writes.js';
const OPERATION = 'ackOrchestrationItem';
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
export function prepareAckOrchestrationItem(db) {
    const selectLock = db.prepare('SELECT instance_id, locked_until FROM instance_locks WHERE lock_token = @token');
    const deleteMessages = db.prepare('DELETE FROM orchestrator_queue WHERE lock_token = @token');
    const insertInstance = db.prepare(`INSERT INTO instances
       (instance_id, orchestration_name, orchestration_version, current_execution_id, created_at, updated_at,
        parent_instance_id, custom_status_version)
     VALUES (@instanceId, @name, @version, @executionId, @now, @now, @parentInstanceId, 0)
     ON CONFLICT (instance_id) DO NOTHING`);
    const updateInstanceIdentity = db.prepare(`UPDATE instances SET orchestration_name = @name, orchestration_version = @version
     WHERE instance_id = @instanceId`);
    // Name/version fall back to the instance row for executions created without metadata.
    const insertExecution = db.prepare(`INSERT INTO executions
       (instance_id, execution_id, orchestration_name, orchestration_version, status, started_at, duroxide_version)
     SELECT i.instance_id, @executionId, COALESCE(@name, i.orchestration_name),
            COALESCE(@version, i.orchestration_version), 'Running', @now, @duroxideVersion
     FROM instances i WHERE i.instance_id = @instanceId
     ON CONFLICT (instance_id, execution_id) DO NOTHING`);
    const updatePinnedVersion = db.prepare(`UPDATE executions SET duroxide_version = @duroxideVersion
     WHERE instance_id = @instanceId AND execution_id = @executionId`);
    const touchInstance = db.prepare(`UPDATE instances
     SET current_execution_id = MAX(current_execution_id, @executionId), updated_at = @now
     WHERE instance_id = @instanceId`);
    const insertEvent = db.prepare(`INSERT INTO history (instance_id, execution_id, event_id, event_type, event_data, created_at)
     VALUES (@instanceId, @executionId, @eventId, @eventType, @eventData, @now)`);
    const completeExecution = db.prepare(`UPDATE executions SET status = @status, output = @output, completed_at = @now
     WHERE instance_id = @instanceId AND execution_id = @executionId`);
    const setCustomStatus = db.prepare(`UPDATE instances SET custom_status = @value, custom_status_version = custom_status_version + 1
     WHERE instance_id = @instanceId`);
    const insertWorkerItem = db.prepare(`INSERT INTO worker_queue
       (instance_id, execution_id, activity_id, activity_name, work_item, visible_at, lock_token, locked_until,
        attempt_count, session_id, tag, created_at)
     VALUES (@instanceId, @executionId, @activityId, @activityName, @workItem, @now, @lockToken, @lockedUntil,
             @attemptCount, @sessionId, @tag, @now)`);
    const selectCompletedWorkItem = db.prepare('SELECT session_id FROM worker_queue WHERE lock_token = @token AND locked_until > @now');
    const deleteCompletedWorkItem = db.prepare('DELETE FROM worker_queue WHERE lock_token = @token');
    const hasWaitingMessages = db.prepare('SELECT 1 AS one FROM orchestrator_queue WHERE instance_id = @instanceId AND visible_at <= @now LIMIT 1');
    const extendLock = db.prepare('UPDATE instance_locks SET locked_until = @lockedUntil WHERE lock_token = @token');
    const selectCreatedAt = db.prepare('SELECT created_at FROM instances WHERE instance_id = @instanceId');
    const touchSession = prepareTouchSession(db);
    const deleteWorkerItem = db.prepare(`DELETE FROM worker_queue
     WHERE instance_id = @instanceId AND execution_id = @executionId AND activity_id = @activityId`);
    const deleteLock = db.prepare('DELETE FROM instance_locks WHERE lock_token = @token');
    const insertOrchestratorItem = prepareInsertOrchestratorItem(db);
    const kv = prepareKvDeltaWrites(db);
    const fleet = prepareAckFleetWrites(db, OPERATION);
    /**
     * Deletes the listed worker rows (after this ack's inserts, step 12) and returns the entries
     * that removed a row this ack did not insert itself.
     */
    function cancelActivities(ack) {
        const insertedNow = new Map();
        for (const item of ack.workerItems) {
            if (item.type !== 'ActivityExecute')
                continue;
            const key = JSON.stringify([item.instance, item.executionId, item.id]);
            insertedNow.set(key, (insertedNow.get(key) ?? 0) + 1);
        }
        const removed = [];
        for (const c of ack.cancelledActivities) {
            const { instanceId, executionId, activityId } = c;
            const deleted = deleteWorkerItem.run({ instanceId, executionId, activityId }).changes;
            const key = JSON.stringify([instanceId, executionId, activityId]);
            if (deleted > (insertedNow.get(key) ?? 0))
                removed.push({ instanceId, executionId, activityId });
            insertedNow.delete(key);
        }
        return removed;
    }
    function appendHistory(instanceId, executionId, delta, now) {
        for (const event of delta) {
            try {
                insertEvent.run({
                    instanceId,
                    executionId,
                    eventId: event.eventId,
                    eventType: event.type,
                    eventData: JSON.stringify(event),
                    now,
                });
            }
            catch (error) {
                if (!isUniqueViolation(error))
                    throw error;
                throw new ProviderError(OPERATION, `instance '${instanceId}' execution ${executionId} already has event ${event.eventId}; ` +
                    'history is append-only, so the whole turn was rolled back and nothing was written', false, error, { instanceId, executionId, eventId: event.eventId });
            }
        }
    }
    /**
     * Deletes the completed work items' rows, each only while its lock is valid, touching their
     * sessions. Runs first, so a lost lock fails the ack before anything is written.
     */
    function deleteCompletedWorkItems(tokens, instanceId, now) {
        for (const token of tokens) {
            const row = selectCompletedWorkItem.get({ token, now });
            if (row === undefined) {
                throw completedWorkLockLostError(token, instanceId);
            }
            deleteCompletedWorkItem.run({ token });
            if (row.session_id !== null)
                touchSession(row.session_id, now);
        }
    }
    /** Inserts the worker rows; the claimed ones locked for the caller. */
    function enqueueWorkerItems(items, options, now) {
        const claim = options.claimWorkItems;
        const tokens = new Map();
        for (const index of claim?.indexes ?? []) {
            if (!Number.isInteger(index) || index < 0 || index >= items.length || tokens.has(index)) {
                throw new ProviderError(OPERATION, `claimWorkItems index ${index} does not name a distinct worker item of this ack; nothing was written`, false);
            }
            tokens.set(index, randomUUID());
        }
        for (const [index, item] of items.entries()) {
            if (item.type !== 'ActivityExecute') {
                throw new ProviderError(OPERATION, `worker queue accepts only ActivityExecute items, got ${item.type}; nothing was written`, false);
            }
            insertWorkerItem.run({
                instanceId: item.instance,
                executionId: item.executionId,
                activityId: item.id,
                activityName: item.name,
                workItem: JSON.stringify(item),
                sessionId: item.sessionId ?? null,
                tag: item.tag ?? null,
                now,
                lockToken: tokens.get(index) ?? null,
                lockedUntil: tokens.has(index) ? now + (claim?.lockTimeoutMs ?? 0) : null,
                attemptCount: tokens.has(index) ? 1 : 0,
            });
        }
        return (claim?.indexes ?? []).map((index) => ({
            item: items[index],
            lockToken: tokens.get(index),
            attemptCount: 1,
        }));
    }
    const tx = db.transaction((token, ack, options, now) => {
        const lock = selectLock.get({ token });
        if (lock === undefined || lock.locked_until <= now) {
            throw instanceLockLostError(OPERATION, token, lock === undefined ? 'unknown' : 'expired', lock?.instance_id);
        }
        const instanceId = lock.instance_id;
        const { executionId, metadata } = ack;
        deleteCompletedWorkItems(ack.completedWorkItems ?? [], instanceId, now);
        deleteMessages.run({ token });
        const { orchestrationName: name, orchestrationVersion: version } = metadata;
        if (name !== undefined && version !== undefined) {
            insertInstance.run({
                instanceId,
                name,
                version,
                executionId,
                parentInstanceId: metadata.parentInstanceId ?? null,
                now,
            });
            updateInstanceIdentity.run({ instanceId, name, version });
        }
        const createdExecution = insertExecution.run({
            instanceId,
            executionId,
            name: name ?? null,
            version: version ?? null,
            duroxideVersion: metadata.pinnedDuroxideVersion ?? null,
            now,
        }).changes > 0;
        // A leftover delta can only be a Failed execution's; execution 1 has no predecessor.
        if (createdExecution && executionId > 1)
            kv.discardDelta(instanceId);
        if (metadata.pinnedDuroxideVersion !== undefined) {
            updatePinnedVersion.run({
                instanceId,
                executionId,
                duroxideVersion: metadata.pinnedDuroxideVersion,
            });
        }
        touchInstance.run({ instanceId, executionId, now });
        fleet.applyMetadata(instanceId, metadata);
        if (ack.reopen !== undefined)
            fleet.reopen(instanceId, executionId, ack.reopen);
        appendHistory(instanceId, executionId, ack.historyDelta, now);
        if (metadata.status !== undefined) {
            completeExecution.run({
                instanceId,
                executionId,
                status: metadata.status,
                output: metadata.output ?? null,
                now,
            });
        }
        if (metadata.customStatus !== undefined) {
            setCustomStatus.run({ instanceId, value: metadata.customStatus.value });
        }
        kv.applyEvents(instanceId, ack.historyDelta, now);
        if (metadata.status === 'Completed' || metadata.status === 'ContinuedAsNew')
            kv.mergeIntoStore(instanceId);
        const claimedWorkItems = enqueueWorkerItems(ack.workerItems, options, now);
        const cancelledActivities = cancelActivities(ack);
        let orchestratorVisibleAt;
        for (const item of ack.orchestratorItems) {
            const visibleAt = insertOrchestratorItem(item, visibleAtFor(item, now), now);
            orchestratorVisibleAt = Math.min(visibleAt, orchestratorVisibleAt ?? visibleAt);
        }
        const keep = options.keepLock;
        // Messages that arrived while the instance was locked: whoever was woken for them found it
        // taken, so they are announced again when the lock goes.
        const waiting = hasWaitingMessages.get({ instanceId, now }) !== undefined;
        const lockKept = keep !== undefined && metadata.status === undefined && !waiting;
        if (lockKept)
            extendLock.run({ token, lockedUntil: now + keep.lockTimeoutMs });
        else
            deleteLock.run({ token });
        return {
            instanceId,
            orchestratorVisibleAt: waiting && !lockKept
                ? Math.min(orchestratorVisibleAt ?? now, now)
                : orchestratorVisibleAt,
            workerItemCount: ack.workerItems.length - claimedWorkItems.length,
            cancelledActivities,
            claimedWorkItems,
            lockKept,
            instanceCreatedAt: selectCreatedAt.get({ instanceId })?.created_at,
        };
    });
    return (lockToken, ack, options, now) => tx.immediate(lockToken, ack, options, now);
}
//# sourceMappingURL=ack-orchestration-item.js.map