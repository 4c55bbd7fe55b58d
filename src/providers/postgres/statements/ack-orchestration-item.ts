/**
 * `ackOrchestrationItem`: the atomic commit of one orchestration turn.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { ProviderError } from '../../../core/errors/duroxide-error.js';
import type { HistoryEvent } from '../../../core/history/history-event.js';
import type { WorkItem, WorkItemOfType } from '../../../core/history/work-item.js';
import { targetInstance, visibleAtFor } from '../../../core/history/work-item.js';
import type {
  LockedWorkItem,
  OrchestrationAck,
  OrchestrationAckOptions,
  OrchestrationAckResult,
} from '../../provider.js';
import {
  completedWorkLockLostError,
  instanceLockLostError,
} from '../../shared/lock-token-errors.js';
import type { Transactional } from '../database.js';
import type { CommitSignals } from '../notify/signal-payload.js';
import { decodeCancelled, encodeSignals } from '../notify/signal-payload.js';
import { isUniqueViolation } from '../to-provider-error.js';
import { isFirstTurn } from './ack-first-turn.js';
import { firstTurnBatcher } from './ack-first-turns.js';
import { eventColumns, isPlainStep, workerColumns } from './ack-held-step.js';
import { heldStepBatcher } from './ack-held-steps.js';
import type { StatementContext } from './statement-context.js';
import { workLockToken } from '../../shared/work-lock-token.js';

const OPERATION = 'ackOrchestrationItem';

interface AckRow {
  /** 'ok', or why nothing was written: 'unknown' / 'expired' (instance lock), 'work-lock-lost'. */
  outcome: string;
  locked_instance_id: string | null;
  /** `[[instanceId, executionId, activityId], …]` of worker rows deleted by cancellation. */
  cancelled: unknown;
  lock_kept: boolean;
  instance_created_at: number | null;
  /** With 'work-lock-lost': the first completed work item token without a valid lock. */
  lost_work_token: string | null;
  /** The lock was released while messages of the instance wait (announced again). */
  released_waiting: boolean | null;
  /** With 'reopen-refused': what the execution's last event is (or 'no events'). */
  reopen_last_event: string | null;
  /** The instance's custom status after the commit (held-step statement only). */
  custom_status?: string | null;
  custom_status_version?: string | number | null;
}

interface KvOperation {
  readonly op: 'set' | 'clear' | 'clearAll';
  readonly key: string | null;
  readonly value: string | null;
  readonly updatedAt: number | null;
}

/**
 * The turn's KV changes, in event order (the provider derives KV state from the
 * history delta, like SQLite).
 */
function kvOperations(delta: readonly HistoryEvent[]): KvOperation[] {
  const ops: KvOperation[] = [];
  for (const e of delta) {
    if (e.type === 'KeyValueSet')
      ops.push({ op: 'set', key: e.key, value: e.value, updatedAt: e.lastUpdatedAt });
    else if (e.type === 'KeyValueCleared')
      ops.push({ op: 'clear', key: e.key, value: null, updatedAt: null });
    else if (e.type === 'KeyValuesCleared')
      ops.push({ op: 'clearAll', key: null, value: null, updatedAt: null });
  }
  return ops;
}

/**
 * The distinct future due times of the turn's orchestrator rows (timers), for in-process
 * signals: the commit's `orchestratorVisibleAt` is only the earliest (or now, when messages
 * wait), and a timer whose time was never signalled would wait for the safety-net poll.
 */
function laterVisibleAts(rows: readonly { readonly visibleAt: number }[], now: number): number[] {
  return [...new Set(rows.map((r) => r.visibleAt).filter((at) => at > now))];
}

/** What the commit announces (`hasWorkerItems`: unclaimed worker rows only) and returns. */
type AckOrchestrationOutcome = CommitSignals &
  OrchestrationAckResult & { readonly instanceId: string };

export type AckOrchestrationItem = (
  db: Transactional,
  lockToken: string,
  ack: OrchestrationAck,
  options: OrchestrationAckOptions,
  now: number,
) => Promise<AckOrchestrationOutcome>;

/**
 * A plain step of a held instance (`isPlainStep`, ack-held-step.ts) and a new instance's first
 * turn (`isFirstTurn`, ack-first-turn.ts) are committed by one plain SQL statement each with
 * the same effects — held steps of several instances issued in the same event-loop turn by one
 * statement together (ack-held-steps.ts), and first turns likewise (ack-first-turns.ts); every
 * other ack is
 * one call of the schema's `ack_orchestration_item` function (migration 0003's overload, which
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
 *    time, and record the version on it and in its `OrchestrationStarted` event. A reopen's
 *    trace context is written by a second statement in the same transaction (`callAck`).
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
export function prepareAckOrchestrationItem(ctx: StatementContext): AckOrchestrationItem {
  const placeholders = Array.from({ length: 45 }, (_, i) => `$${i + 1}`).join(', ');
  const sql = `SELECT * FROM ${ctx.schema.quoted}.ack_orchestration_item(${placeholders})`;
  const heldSteps = heldStepBatcher(ctx);
  const firstTurns = firstTurnBatcher(ctx);

  const setStartedTrace = `UPDATE ${ctx.schema.quoted}.history
    SET event_data = jsonb_set(event_data::jsonb, '{traceContext}', $3::jsonb)::text
    WHERE instance_id = $1 AND execution_id = $2 AND event_type = 'OrchestrationStarted'`;

  /**
   * One call of the function; a reopen that records the resumed attempt's trace context
   * (operator-rare) also rewrites it in the `OrchestrationStarted` event, in the same
   * transaction, once the call succeeded.
   */
  async function callAck(
    db: Transactional,
    ack: OrchestrationAck,
    values: readonly unknown[],
  ): Promise<{ rows: AckRow[] }> {
    const traceContext = ack.reopen?.traceContext;
    if (traceContext === undefined) return db.query<AckRow>(sql, values, true);
    return db.transaction(async (tx) => {
      const result = await tx.query<AckRow>(sql, values, true);
      const row = result.rows[0];
      if (row?.outcome === 'ok' && row.locked_instance_id !== null)
        await tx.query(setStartedTrace, [
          row.locked_instance_id,
          ack.executionId,
          JSON.stringify(traceContext),
        ]);
      return result;
    });
  }

  function activities(items: readonly WorkItem[]): WorkItemOfType<'ActivityExecute'>[] {
    return items.map((item) => {
      if (item.type !== 'ActivityExecute') {
        throw new ProviderError(
          OPERATION,
          `worker queue accepts only ActivityExecute items, got ${item.type}; nothing was written`,
          false,
        );
      }
      return item;
    });
  }

  /** A fresh worker lock token per claimed index, in the order of the indexes. */
  function claimTokens(itemCount: number, options: OrchestrationAckOptions): Map<number, string> {
    const tokens = new Map<number, string>();
    for (const index of options.claimWorkItems?.indexes ?? []) {
      if (!Number.isInteger(index) || index < 0 || index >= itemCount || tokens.has(index)) {
        throw new ProviderError(
          OPERATION,
          `claimWorkItems index ${index} does not name a distinct worker item of this ack; nothing was written`,
          false,
        );
      }
      tokens.set(index, workLockToken(randomUUID(), options.claimWorkItems?.lockOwner));
    }
    return tokens;
  }

  return async (db, token, ack, options, now) => {
    const workers = activities(ack.workerItems);
    const claims = claimTokens(workers.length, options);
    const claimedWorkItems: LockedWorkItem[] = [...claims].map(([index, lockToken]) => ({
      item: workers[index]!,
      lockToken,
      attemptCount: 1,
    }));
    const completed = ack.completedWorkItems ?? [];
    const orchestratorRows = ack.orchestratorItems.map((item) => ({
      item,
      visibleAt: visibleAtFor(item, now),
    }));
    const orchestratorVisibleAt =
      orchestratorRows.length === 0
        ? undefined
        : Math.min(...orchestratorRows.map((r) => r.visibleAt));
    const { metadata, historyDelta: delta, cancelledActivities: cancelled } = ack;
    // The function adds the instance id (known only once it has read the lock) to the payload.
    const signals: CommitSignals = {
      orchestratorVisibleAt,
      hasWorkerItems: workers.length > claims.size,
      executionStatus: metadata.status ?? 'Running',
    };
    const kv = kvOperations(delta);
    let rows: AckRow[];
    try {
      // The hot paths (a held instance's step, a new instance's first turn) in one plain
      // statement each; 'slow' wrote nothing.
      const input = {
        token,
        now,
        ack,
        options,
        workers,
        workerTokens: workers.map((_, i) => claims.get(i) ?? null),
        payload: encodeSignals(ctx.origin, signals),
      };
      if (isPlainStep(ack, workers, claims.size, kv.length)) {
        rows = [await heldSteps<AckRow>(db, input)];
      } else if (isFirstTurn(ack, kv.length)) {
        const orchestratorInput = orchestratorRows.map((r) => ({
          instance: targetInstance(r.item),
          type: r.item.type,
          item: JSON.stringify(r.item),
          visibleAt: r.visibleAt,
        }));
        rows = [await firstTurns<AckRow>(db, { ...input, orchestratorRows: orchestratorInput })];
      } else {
        rows = [];
      }
      if (rows[0]?.outcome === 'slow' || rows.length === 0) {
        rows = (
          await callAck(db, ack, [
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
            ...eventColumns(delta),
            ...workerColumns(workers),
            workers.map((_, i) => claims.get(i) ?? null),
            options.claimWorkItems === undefined
              ? null
              : now + options.claimWorkItems.lockTimeoutMs,
            [...completed],
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
            options.keepLock === undefined ? null : now + options.keepLock.lockTimeoutMs,
            // Only commits others may act on are broadcast: a held instance's step is not.
            orchestratorRows.length > 0 ||
              workers.length > claims.size ||
              metadata.status !== undefined ||
              metadata.customStatus !== undefined ||
              metadata.orchestrationName !== undefined ||
              ack.reopen !== undefined,
            ctx.schema.channel,
            encodeSignals(ctx.origin, signals),
            metadata.historyFormat ?? null,
            metadata.versionPin !== undefined,
            metadata.versionPin?.value ?? null,
            metadata.consumedNextVersion ?? null,
            ack.reopen?.failedEventId ?? null,
            ack.reopen?.version ?? null,
          ])
        ).rows;
      }
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const detail = (error as { detail?: unknown }).detail;
      const eventId =
        typeof detail === 'string' ? Number(/=\(.*, (\d+)\)/.exec(detail)?.[1]) : Number.NaN;
      const which = Number.isInteger(eventId)
        ? `event ${eventId}`
        : `one of events ${delta.map((e) => e.eventId).join(', ')}`;
      throw new ProviderError(
        OPERATION,
        `execution ${ack.executionId} already has ${which}; ` +
          'history is append-only, so the whole turn was rolled back and nothing was written',
        false,
        error,
        Number.isInteger(eventId)
          ? { executionId: ack.executionId, eventId }
          : { executionId: ack.executionId },
      );
    }
    const row = rows[0];
    if (row?.outcome === 'work-lock-lost') {
      throw completedWorkLockLostError(String(row.lost_work_token), row.locked_instance_id);
    }
    if (row?.outcome === 'reopen-refused' && ack.reopen !== undefined) {
      const instanceId = row.locked_instance_id ?? 'unknown';
      throw new ProviderError(
        OPERATION,
        `cannot reopen instance '${instanceId}' execution ${ack.executionId} at OrchestrationFailed event ` +
          `${ack.reopen.failedEventId}: ${String(row.reopen_last_event)}; the execution changed since it was read, ` +
          'nothing was written — read it again',
        false,
        undefined,
        { instanceId, executionId: ack.executionId, eventId: ack.reopen.failedEventId },
      );
    }
    if (row === undefined || row.outcome !== 'ok' || row.locked_instance_id === null) {
      const state = row?.outcome === 'expired' ? 'expired' : 'unknown';
      throw instanceLockLostError(OPERATION, token, state, row?.locked_instance_id);
    }
    const isFinal = metadata.status === 'Completed' || metadata.status === 'Failed';
    return {
      ...signals,
      ...(isFinal && row.custom_status_version !== undefined && row.custom_status_version !== null
        ? {
            final: {
              output: metadata.output,
              customStatus: row.custom_status ?? undefined,
              customStatusVersion: Number(row.custom_status_version),
            },
          }
        : {}),
      ...(row.released_waiting === true
        ? { orchestratorVisibleAt: Math.min(signals.orchestratorVisibleAt ?? now, now) }
        : {}),
      laterVisibleAts: laterVisibleAts(orchestratorRows, now),
      instanceId: row.locked_instance_id,
      cancelledActivities: decodeCancelled(row.cancelled),
      claimedWorkItems,
      lockKept: row.lock_kept,
      instanceCreatedAt: row.instance_created_at ?? undefined,
    };
  };
}
