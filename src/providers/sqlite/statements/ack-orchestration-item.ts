/**
 * `ackOrchestrationItem`: the atomic commit of one orchestration turn.
 * @module
 */
import type Database from 'better-sqlite3';
import { ownTransaction } from './own-transaction.js';
import { ProviderError } from '../../../core/errors/duroxide-error.js';
import type { HistoryEvent } from '../../../core/history/history-event.js';
import type { WorkItem } from '../../../core/history/work-item.js';
import { visibleAtFor } from '../../../core/history/work-item.js';
import { randomUUID } from 'node:crypto';
import type {
  CancelledActivity,
  LockedWorkItem,
  OrchestrationAck,
  OrchestrationAckOptions,
} from '../../provider.js';
import {
  completedWorkLockLostError,
  instanceLockLostError,
} from '../../shared/lock-token-errors.js';
import { isUniqueViolation } from '../to-provider-error.js';
import { prepareInsertOrchestratorItem } from './insert-orchestrator-item.js';
import { prepareKvDeltaWrites } from './write-kv-delta.js';
import { prepareTouchSession } from './touch-session.js';
import { prepareAckFleetWrites } from './ack-fleet-writes.js';
import { workLockToken } from '../../shared/work-lock-token.js';

const OPERATION = 'ackOrchestrationItem';

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
  /**
   * An ack that ends the execution (Completed or Failed): what `getInstance` reports right
   * after the commit, for the instance signal (waiters resolve without a read). Absent when the
   * instance's current execution is another one.
   */
  readonly final: InstanceFinalState | undefined;
}

/** The `final` of an ending instance signal (`ProviderSignal`). */
interface InstanceFinalState {
  readonly output: string | undefined;
  readonly customStatus: string | undefined;
  readonly customStatusVersion: number;
}

export type AckOrchestrationItem = (
  lockToken: string,
  ack: OrchestrationAck,
  options: OrchestrationAckOptions,
  now: number,
) => AckOrchestrationResult;

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
export function prepareAckOrchestrationItem(db: Database.Database): AckOrchestrationItem {
  const selectLock = db.prepare<{ token: string }, { instance_id: string; locked_until: number }>(
    'SELECT instance_id, locked_until FROM instance_locks WHERE lock_token = @token',
  );
  const deleteMessages = db.prepare<{ token: string }>(
    'DELETE FROM orchestrator_queue WHERE lock_token = @token',
  );
  const insertInstance = db.prepare<{
    instanceId: string;
    name: string;
    version: string;
    executionId: number;
    parentInstanceId: string | null;
    now: number;
  }>(
    `INSERT INTO instances
       (instance_id, orchestration_name, orchestration_version, current_execution_id, created_at, updated_at,
        parent_instance_id, custom_status_version)
     VALUES (@instanceId, @name, @version, @executionId, @now, @now, @parentInstanceId, 0)
     ON CONFLICT (instance_id) DO NOTHING`,
  );
  const updateInstanceIdentity = db.prepare<{ instanceId: string; name: string; version: string }>(
    `UPDATE instances SET orchestration_name = @name, orchestration_version = @version
     WHERE instance_id = @instanceId`,
  );
  // Name/version fall back to the instance row for executions created without metadata.
  const insertExecution = db.prepare<{
    instanceId: string;
    executionId: number;
    name: string | null;
    version: string | null;
    duroxideVersion: string | null;
    now: number;
  }>(
    `INSERT INTO executions
       (instance_id, execution_id, orchestration_name, orchestration_version, status, started_at, duroxide_version)
     SELECT i.instance_id, @executionId, COALESCE(@name, i.orchestration_name),
            COALESCE(@version, i.orchestration_version), 'Running', @now, @duroxideVersion
     FROM instances i WHERE i.instance_id = @instanceId
     ON CONFLICT (instance_id, execution_id) DO NOTHING`,
  );
  const updatePinnedVersion = db.prepare<{
    instanceId: string;
    executionId: number;
    duroxideVersion: string;
  }>(
    `UPDATE executions SET duroxide_version = @duroxideVersion
     WHERE instance_id = @instanceId AND execution_id = @executionId`,
  );
  // Returns what the ack reports and the ending signal carries (nothing later in the ack changes
  // these columns but `setCustomStatus`, which the ack accounts for): no read at the end.
  const touchInstance = db.prepare<
    { instanceId: string; executionId: number; now: number },
    {
      created_at: number;
      current_execution_id: number;
      custom_status: string | null;
      custom_status_version: number;
    }
  >(
    `UPDATE instances
     SET current_execution_id = MAX(current_execution_id, @executionId), updated_at = @now
     WHERE instance_id = @instanceId
     RETURNING created_at, current_execution_id, custom_status, custom_status_version`,
  );
  const insertEvent = db.prepare<{
    instanceId: string;
    executionId: number;
    eventId: number;
    eventType: string;
    eventData: string;
    now: number;
  }>(
    `INSERT INTO history (instance_id, execution_id, event_id, event_type, event_data, created_at)
     VALUES (@instanceId, @executionId, @eventId, @eventType, @eventData, @now)`,
  );
  const completeExecution = db.prepare<{
    instanceId: string;
    executionId: number;
    status: string;
    output: string | null;
    now: number;
  }>(
    `UPDATE executions SET status = @status, output = @output, completed_at = @now
     WHERE instance_id = @instanceId AND execution_id = @executionId`,
  );
  const setCustomStatus = db.prepare<{ instanceId: string; value: string | null }>(
    `UPDATE instances SET custom_status = @value, custom_status_version = custom_status_version + 1
     WHERE instance_id = @instanceId`,
  );
  const insertWorkerItem = db.prepare<{
    instanceId: string;
    executionId: number;
    activityId: number;
    activityName: string;
    workItem: string;
    sessionId: string | null;
    tag: string | null;
    now: number;
    lockToken: string | null;
    lockedUntil: number | null;
    attemptCount: number;
  }>(
    `INSERT INTO worker_queue
       (instance_id, execution_id, activity_id, activity_name, work_item, visible_at, lock_token, locked_until,
        attempt_count, session_id, tag, created_at)
     VALUES (@instanceId, @executionId, @activityId, @activityName, @workItem, @now, @lockToken, @lockedUntil,
             @attemptCount, @sessionId, @tag, @now)`,
  );
  const deleteCompletedWorkItem = db.prepare<
    { token: string; now: number },
    { session_id: string | null }
  >(
    'DELETE FROM worker_queue WHERE lock_token = @token AND locked_until > @now RETURNING session_id',
  );
  const hasWaitingMessages = db.prepare<{ instanceId: string; now: number }, { one: number }>(
    'SELECT 1 AS one FROM orchestrator_queue WHERE instance_id = @instanceId AND visible_at <= @now LIMIT 1',
  );
  const extendLock = db.prepare<{ token: string; lockedUntil: number }>(
    'UPDATE instance_locks SET locked_until = @lockedUntil WHERE lock_token = @token',
  );
  const touchSession = prepareTouchSession(db);
  const deleteWorkerItem = db.prepare<{
    instanceId: string;
    executionId: number;
    activityId: number;
  }>(
    `DELETE FROM worker_queue
     WHERE instance_id = @instanceId AND execution_id = @executionId AND activity_id = @activityId`,
  );
  const deleteLock = db.prepare<{ token: string }>(
    'DELETE FROM instance_locks WHERE lock_token = @token',
  );
  const insertOrchestratorItem = prepareInsertOrchestratorItem(db);
  const kv = prepareKvDeltaWrites(db);
  const fleet = prepareAckFleetWrites(db, OPERATION);

  /**
   * Deletes the listed worker rows (after this ack's inserts, step 12) and returns the entries
   * that removed a row this ack did not insert itself.
   */
  function cancelActivities(ack: OrchestrationAck): CancelledActivity[] {
    const insertedNow = new Map<string, number>();
    for (const item of ack.workerItems) {
      if (item.type !== 'ActivityExecute') continue;
      const key = JSON.stringify([item.instance, item.executionId, item.id]);
      insertedNow.set(key, (insertedNow.get(key) ?? 0) + 1);
    }
    const removed: CancelledActivity[] = [];
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

  function appendHistory(
    instanceId: string,
    executionId: number,
    delta: readonly HistoryEvent[],
    now: number,
  ): void {
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
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new ProviderError(
          OPERATION,
          `instance '${instanceId}' execution ${executionId} already has event ${event.eventId}; ` +
            'history is append-only, so the whole turn was rolled back and nothing was written',
          false,
          error,
          { instanceId, executionId, eventId: event.eventId },
        );
      }
    }
  }

  /**
   * Deletes the completed work items' rows, each only while its lock is valid, touching their
   * sessions. Runs first, so a lost lock fails the ack before anything else is written (the
   * rows already deleted roll back with it).
   */
  function deleteCompletedWorkItems(
    tokens: readonly string[],
    instanceId: string,
    now: number,
  ): void {
    for (const token of tokens) {
      const row = deleteCompletedWorkItem.get({ token, now });
      if (row === undefined) {
        throw completedWorkLockLostError(token, instanceId);
      }
      if (row.session_id !== null) touchSession(row.session_id, now);
    }
  }

  /** Inserts the worker rows; the claimed ones locked for the caller. */
  function enqueueWorkerItems(
    items: readonly WorkItem[],
    options: OrchestrationAckOptions,
    now: number,
  ): LockedWorkItem[] {
    const claim = options.claimWorkItems;
    const tokens = new Map<number, string>();
    for (const index of claim?.indexes ?? []) {
      if (!Number.isInteger(index) || index < 0 || index >= items.length || tokens.has(index)) {
        throw new ProviderError(
          OPERATION,
          `claimWorkItems index ${index} does not name a distinct worker item of this ack; nothing was written`,
          false,
        );
      }
      tokens.set(index, workLockToken(randomUUID(), claim?.lockOwner));
    }
    for (const [index, item] of items.entries()) {
      if (item.type !== 'ActivityExecute') {
        throw new ProviderError(
          OPERATION,
          `worker queue accepts only ActivityExecute items, got ${item.type}; nothing was written`,
          false,
        );
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
      item: items[index]!,
      lockToken: tokens.get(index)!,
      attemptCount: 1,
    }));
  }

  const tx = ownTransaction(
    db,
    (
      token: string,
      ack: OrchestrationAck,
      options: OrchestrationAckOptions,
      now: number,
    ): AckOrchestrationResult => {
      const lock = selectLock.get({ token });
      if (lock === undefined || lock.locked_until <= now) {
        throw instanceLockLostError(
          OPERATION,
          token,
          lock === undefined ? 'unknown' : 'expired',
          lock?.instance_id,
        );
      }
      const instanceId = lock.instance_id;
      const { executionId, metadata } = ack;
      deleteCompletedWorkItems(ack.completedWorkItems ?? [], instanceId, now);
      deleteMessages.run({ token });
      const { orchestrationName: name, orchestrationVersion: version } = metadata;
      if (name !== undefined && version !== undefined) {
        const inserted = insertInstance.run({
          instanceId,
          name,
          version,
          executionId,
          parentInstanceId: metadata.parentInstanceId ?? null,
          now,
        }).changes;
        // A row just inserted already has this name and version.
        if (inserted === 0) updateInstanceIdentity.run({ instanceId, name, version });
      }
      const createdExecution =
        insertExecution.run({
          instanceId,
          executionId,
          name: name ?? null,
          version: version ?? null,
          duroxideVersion: metadata.pinnedDuroxideVersion ?? null,
          now,
        }).changes > 0;
      // A leftover delta can only be a Failed execution's; execution 1 has no predecessor.
      if (createdExecution && executionId > 1) kv.discardDelta(instanceId);
      // An execution just created was inserted with this version already.
      if (metadata.pinnedDuroxideVersion !== undefined && !createdExecution) {
        updatePinnedVersion.run({
          instanceId,
          executionId,
          duroxideVersion: metadata.pinnedDuroxideVersion,
        });
      }
      const state = touchInstance.get({ instanceId, executionId, now });
      fleet.applyMetadata(instanceId, metadata);
      if (ack.reopen !== undefined) fleet.reopen(instanceId, executionId, ack.reopen);
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
      let orchestratorVisibleAt: number | undefined;
      for (const item of ack.orchestratorItems) {
        const visibleAt = insertOrchestratorItem(item, visibleAtFor(item, now), now);
        orchestratorVisibleAt = Math.min(visibleAt, orchestratorVisibleAt ?? visibleAt);
      }
      const keep = options.keepLock;
      // Messages that arrived while the instance was locked: whoever was woken for them found it
      // taken, so they are announced again when the lock goes.
      const waiting = hasWaitingMessages.get({ instanceId, now }) !== undefined;
      const lockKept = keep !== undefined && metadata.status === undefined && !waiting;
      if (lockKept) extendLock.run({ token, lockedUntil: now + keep.lockTimeoutMs });
      else deleteLock.run({ token });
      const ending = metadata.status === 'Completed' || metadata.status === 'Failed';
      return {
        instanceId,
        orchestratorVisibleAt:
          waiting && !lockKept
            ? Math.min(orchestratorVisibleAt ?? now, now)
            : orchestratorVisibleAt,
        workerItemCount: ack.workerItems.length - claimedWorkItems.length,
        cancelledActivities,
        claimedWorkItems,
        lockKept,
        instanceCreatedAt: state?.created_at,
        final:
          ending && state !== undefined && state.current_execution_id === executionId
            ? {
                output: metadata.output,
                ...(metadata.customStatus === undefined
                  ? {
                      customStatus: state.custom_status ?? undefined,
                      customStatusVersion: state.custom_status_version,
                    }
                  : {
                      // Set by this ack (`setCustomStatus`), after the row was read.
                      customStatus: metadata.customStatus.value ?? undefined,
                      customStatusVersion: state.custom_status_version + 1,
                    }),
              }
            : undefined,
      };
    },
  );

  return (lockToken, ack, options, now) => tx(lockToken, ack, options, now);
}
