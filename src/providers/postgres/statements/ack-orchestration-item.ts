/**
 * `ackOrchestrationItem`: the atomic commit of one orchestration turn (SPEC §7.4).
 * @module
 */
import { ProviderError } from '../../../core/errors/duroxide-error.js';
import type { HistoryEvent } from '../../../core/history/history-event.js';
import type { WorkItem, WorkItemOfType } from '../../../core/history/work-item.js';
import { targetInstance, visibleAtFor } from '../../../core/history/work-item.js';
import type { OrchestrationAck } from '../../provider.js';
import type { Queryable } from '../database.js';
import type { CommitSignals } from '../notify/signal-payload.js';
import { decodeCancelled, encodeSignals } from '../notify/signal-payload.js';
import { isUniqueViolation } from '../to-provider-error.js';
import type { StatementContext } from './statement-context.js';

const OPERATION = 'ackOrchestrationItem';

interface AckRow {
  outcome: string;
  locked_instance_id: string | null;
  /** `[[instanceId, executionId, activityId], …]` of worker rows deleted by cancellation. */
  cancelled: unknown;
}

interface KvOperation {
  readonly op: 'set' | 'clear' | 'clearAll';
  readonly key: string | null;
  readonly value: string | null;
  readonly updatedAt: number | null;
}

/**
 * The turn's KV changes, in event order (SPEC §7.1 rule 6: the provider derives KV state from
 * the history delta, like SQLite).
 */
function kvOperations(delta: readonly HistoryEvent[]): KvOperation[] {
  const ops: KvOperation[] = [];
  for (const e of delta) {
    if (e.type === 'KeyValueSet') ops.push({ op: 'set', key: e.key, value: e.value, updatedAt: e.lastUpdatedAt });
    else if (e.type === 'KeyValueCleared') ops.push({ op: 'clear', key: e.key, value: null, updatedAt: null });
    else if (e.type === 'KeyValuesCleared') ops.push({ op: 'clearAll', key: null, value: null, updatedAt: null });
  }
  return ops;
}

export type AckOrchestrationItem = (
  db: Queryable,
  lockToken: string,
  ack: OrchestrationAck,
  now: number,
) => Promise<CommitSignals & { readonly instanceId: string }>;

/**
 * One call of the schema's `ack_orchestration_item` function (migration 0001): one round trip,
 * one transaction, all or nothing. In order:
 *
 * 1. Lock the instance lock row (`FOR UPDATE`) and validate it; an unknown or expired token
 *    writes nothing and is reported here as a permanent error.
 * 2. Delete the batch's rows (only those marked with the token; newer ones remain).
 * 3. With name and version in the metadata: create the instance row if missing (parent set
 *    once), else update its name/version. Instances are created only here.
 * 4. Create the execution row if missing — only when the instance row exists, so an empty
 *    ack discarding a never-started instance's batch writes nothing — and overwrite its
 *    engine pin when one is given.
 * 5. Move the instance's current execution forward, touch `updated_at`, and apply a custom
 *    status change (`custom_status_version + 1`).
 * 6. Append the history delta (INSERT only, never reading existing rows — poison termination
 *    works on corrupt histories); a duplicate event id rolls back everything.
 * 7. Record a terminal status, output and completion time on the execution.
 * 8. Queue worker items, THEN delete cancelled activities (scheduled and cancelled in the
 *    same turn ends up absent); the deleted ones are returned for `activityCancelled` signals.
 * 9. KV: apply the delta's `KeyValueSet` / `KeyValueCleared` / `KeyValuesCleared` events in
 *    order to `kv_delta` (a clear is a NULL tombstone); when the execution ends (Completed,
 *    ContinuedAsNew, Failed) merge the delta into `kv_store` and empty it.
 * 10. Queue orchestrator items (`TimerFired` visible at `fireAt`), drop the instance lock and
 *    NOTIFY (delivered on commit).
 *
 * Rows are passed as parallel arrays and written with one `unnest` statement per table,
 * whatever the turn's size.
 */
export function prepareAckOrchestrationItem(ctx: StatementContext): AckOrchestrationItem {
  const placeholders = Array.from({ length: 34 }, (_, i) => `$${i + 1}`).join(', ');
  const sql = `SELECT * FROM ${ctx.schema.quoted}.ack_orchestration_item(${placeholders})`;

  function activities(items: readonly WorkItem[]): WorkItemOfType<'ActivityExecute'>[] {
    return items.map((item) => {
      if (item.type !== 'ActivityExecute') {
        throw new ProviderError(OPERATION, `worker queue accepts only ActivityExecute items, got ${item.type}; nothing was written`, false);
      }
      return item;
    });
  }

  return async (db, token, ack, now) => {
    const workers = activities(ack.workerItems);
    const orchestratorRows = ack.orchestratorItems.map((item) => ({ item, visibleAt: visibleAtFor(item, now) }));
    const orchestratorVisibleAt =
      orchestratorRows.length === 0 ? undefined : Math.min(...orchestratorRows.map((r) => r.visibleAt));
    const { metadata, historyDelta: delta, cancelledActivities: cancelled } = ack;
    // The function adds the instance id (known only once it has read the lock) to the payload.
    const signals: CommitSignals = {
      orchestratorVisibleAt,
      hasWorkerItems: workers.length > 0,
      executionStatus: metadata.status ?? 'Running',
    };
    const kv = kvOperations(delta);
    let rows: AckRow[];
    try {
      rows = (
        await db.query<AckRow>(sql, [
          token,
          now,
          ack.executionId,
          metadata.orchestrationName ?? null,
          metadata.orchestrationVersion ?? null,
          metadata.parentInstanceId ?? null,
          metadata.pinnedDuroxideVersion ?? null,
          metadata.status ?? null,
          metadata.status === undefined ? null : (metadata.output ?? null),
          metadata.customStatus !== undefined,
          metadata.customStatus?.value ?? null,
          delta.map((e) => e.eventId),
          delta.map((e) => e.type),
          delta.map((e) => JSON.stringify(e)),
          workers.map((w) => w.instance),
          workers.map((w) => w.executionId),
          workers.map((w) => w.id),
          workers.map((w) => w.name),
          workers.map((w) => JSON.stringify(w)),
          workers.map((w) => w.sessionId ?? null),
          workers.map((w) => w.tag ?? null),
          cancelled.map((c) => c.instanceId),
          cancelled.map((c) => c.executionId),
          cancelled.map((c) => c.activityId),
          orchestratorRows.map((r) => targetInstance(r.item)),
          orchestratorRows.map((r) => r.item.type),
          orchestratorRows.map((r) => JSON.stringify(r.item)),
          orchestratorRows.map((r) => r.visibleAt),
          kv.map((op) => op.op),
          kv.map((op) => op.key),
          kv.map((op) => op.value),
          kv.map((op) => op.updatedAt),
          ctx.schema.channel,
          encodeSignals(ctx.origin, signals),
        ])
      ).rows;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const detail = (error as { detail?: unknown }).detail;
      const eventId = typeof detail === 'string' ? Number(/=\(.*, (\d+)\)/.exec(detail)?.[1]) : Number.NaN;
      const which = Number.isInteger(eventId) ? `event ${eventId}` : `one of events ${delta.map((e) => e.eventId).join(', ')}`;
      throw new ProviderError(
        OPERATION,
        `execution ${ack.executionId} already has ${which}; ` +
          'history is append-only, so the whole turn was rolled back and nothing was written',
        false,
        error,
        Number.isInteger(eventId) ? { executionId: ack.executionId, eventId } : { executionId: ack.executionId },
      );
    }
    const row = rows[0];
    if (row === undefined || row.outcome !== 'ok' || row.locked_instance_id === null) {
      const state = row?.outcome === 'expired' ? 'expired' : 'unknown';
      throw new ProviderError(
        OPERATION,
        `lock token '${token}' is ${state}; ` +
          'the instance lock was lost (expired and possibly taken by another dispatcher), nothing was written',
        false,
        undefined,
        row?.locked_instance_id == null ? {} : { instanceId: row.locked_instance_id },
      );
    }
    return { ...signals, instanceId: row.locked_instance_id, cancelledActivities: decodeCancelled(row.cancelled) };
  };
}
