/**
 * `fetchOrchestrationItem`: peek-lock one instance's visible batch.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ownTransaction } from './own-transaction.js';
import type { HistoryEvent } from '../../../core/history/history-event.js';
import { parseHistoryEvent } from '../../../core/history/history-event.js';
import type { WorkItem } from '../../../core/history/work-item.js';
import type {
  FetchOrchestrationOptions,
  LockedOrchestrationItem,
  OrchestrationItem,
  PoisonedItemReport,
} from '../../provider.js';
import { unreadableEventMessage } from '../../shared/history-row.js';
import {
  firstTurnItem,
  type InstanceTurn,
  isHintForTurn,
  isStartItem,
  loadedTurnItem,
} from '../../shared/orchestration-batch.js';
import {
  MAX_CANDIDATES_PER_FETCH,
  ORPHAN_MAX_AGE_MS,
  ORPHAN_RETRY_DELAY_MS,
} from '../../shared/orchestration-batch.js';
import {
  decodeWorkItem,
  reportPoisoned,
  tooLargeReason,
  UNMATCHED_ID_REASON,
} from '../../shared/queue-row-decoding.js';
import { preparePoisonedItems } from './poisoned-items.js';
import { prepareKvReads } from './read-kv.js';

export type FetchOrchestrationItem = (
  options: FetchOrchestrationOptions,
  now: number,
) => LockedOrchestrationItem | null;

interface QueueRow {
  id: number;
  /** NULL when the row is larger than the fetch's `maxItemBytes` (never loaded). */
  work_item: string | null;
  size_bytes: number;
  attempt_count: number;
  created_at: number;
}

interface InstanceRow {
  orchestration_name: string;
  orchestration_version: string | null;
  current_execution_id: number;
  created_at: number;
  version_pin: string | null;
  next_version: string | null;
  history_format: number | null;
}

interface HistoryRow {
  event_id: number;
  event_data: string;
}

/**
 * One `BEGIN IMMEDIATE` transaction: pick the visible row with the earliest visibility (then
 * the oldest; the visible_at index serves this order without a sort) whose instance is not
 * validly locked, take (or take over) the instance lock, mark and count every visible row of
 * that instance, then load instance metadata, the current execution's history and the KV
 * snapshot (`kv_store` only, never the current execution's delta). A cache hit skips both.
 *
 * Orphan batches (no instance row and no start item) never block the queue: pure
 * `QueueMessage` batches and batches older than {@link ORPHAN_MAX_AGE_MS} are deleted (unless a
 * delayed start for the instance is queued); others are pushed {@link ORPHAN_RETRY_DELAY_MS}
 * into the future with their attempt undone (so a batch that later joins the start does not
 * inherit a poison-looking count). Either way the fetch moves on to the next candidate instead
 * of returning null.
 *
 * Unparseable history never fails the fetch: the item comes back locked with `history: []`
 * and `historyError`, so the runtime can poison it.
 *
 * A queue row the fetch cannot process never blocks the queue either: one larger than
 * `maxItemBytes` (never loaded), one that does not decode as a work item, or one whose instance
 * id does not read back as written is moved to `poisoned_items` in the same transaction and
 * reported to `onPoisoned` after the commit; the batch goes on without it.
 */
export function prepareFetchOrchestrationItem(db: Database.Database): FetchOrchestrationItem {
  // `maxFormat` (FetchOrchestrationOptions.maxHistoryFormat, NULL = no filter) skips, before
  // locking, instances whose current execution was recorded in a newer history format (NULL
  // counts as 1); instances without a row always match.
  const selectCandidate = db.prepare<
    { now: number; exclude: string; maxFormat: number | null },
    { id: number; instance_id: string }
  >(
    `SELECT q.id, q.instance_id FROM orchestrator_queue q
     WHERE q.visible_at <= @now
       AND (@exclude = '[]' OR q.instance_id NOT IN (SELECT value FROM json_each(@exclude)))
       AND (@maxFormat IS NULL OR NOT EXISTS (
         SELECT 1 FROM instances i WHERE i.instance_id = q.instance_id AND COALESCE(i.history_format, 1) > @maxFormat))
       AND NOT EXISTS (
         SELECT 1 FROM instance_locks l WHERE l.instance_id = q.instance_id AND l.locked_until > @now)
     ORDER BY q.visible_at, q.id LIMIT 1`,
  );
  const takeLock = db.prepare<{
    instanceId: string;
    token: string;
    lockedUntil: number;
    now: number;
  }>(
    `INSERT INTO instance_locks (instance_id, lock_token, locked_until, locked_at)
     VALUES (@instanceId, @token, @lockedUntil, @now)
     ON CONFLICT (instance_id) DO UPDATE SET
       lock_token = excluded.lock_token, locked_until = excluded.locked_until, locked_at = excluded.locked_at
     WHERE instance_locks.locked_until <= @now`,
  );
  const markRows = db.prepare<{
    instanceId: string;
    token: string;
    lockedUntil: number;
    now: number;
  }>(
    `UPDATE orchestrator_queue
     SET lock_token = @token, locked_until = @lockedUntil, attempt_count = attempt_count + 1
     WHERE instance_id = @instanceId AND visible_at <= @now`,
  );
  // octet_length reads the size from the record header; an oversized row's text is never read.
  const selectMarked = db.prepare<{ token: string; maxBytes: number }, QueueRow>(
    `SELECT id, CASE WHEN @maxBytes >= 0 AND octet_length(work_item) > @maxBytes THEN NULL
                     ELSE work_item END AS work_item,
            octet_length(work_item) AS size_bytes, attempt_count, created_at
     FROM orchestrator_queue WHERE lock_token = @token ORDER BY id`,
  );
  const poisoned = preparePoisonedItems(db);
  const selectInstance = db.prepare<{ instanceId: string }, InstanceRow>(
    `SELECT orchestration_name, orchestration_version, current_execution_id, created_at,
            version_pin, next_version, history_format
     FROM instances WHERE instance_id = @instanceId`,
  );
  const selectMaxEventId = db.prepare<
    { instanceId: string; executionId: number },
    { maxEventId: number | null }
  >(
    `SELECT MAX(event_id) AS maxEventId FROM history
     WHERE instance_id = @instanceId AND execution_id = @executionId`,
  );
  const selectHistory = db.prepare<{ instanceId: string; executionId: number }, HistoryRow>(
    `SELECT event_id, event_data FROM history
     WHERE instance_id = @instanceId AND execution_id = @executionId ORDER BY event_id`,
  );
  const deleteMarked = db.prepare<{ token: string }>(
    'DELETE FROM orchestrator_queue WHERE lock_token = @token',
  );
  const delayMarked = db.prepare<{ token: string; visibleAt: number }>(
    `UPDATE orchestrator_queue
     SET lock_token = NULL, locked_until = NULL, visible_at = @visibleAt,
         attempt_count = MAX(attempt_count - 1, 0)
     WHERE lock_token = @token`,
  );
  const selectPendingStart = db.prepare<{ instanceId: string }, { found: number }>(
    `SELECT EXISTS (SELECT 1 FROM orchestrator_queue
                    WHERE instance_id = @instanceId AND item_type IN ('StartOrchestration', 'ContinueAsNew')) AS found`,
  );
  const releaseLock = db.prepare<{ token: string }>(
    'DELETE FROM instance_locks WHERE lock_token = @token',
  );
  const kv = prepareKvReads(db);

  function loadHistory(
    instanceId: string,
    executionId: number,
  ): { history: HistoryEvent[]; historyError?: string } {
    const history: HistoryEvent[] = [];
    for (const row of selectHistory.all({ instanceId, executionId })) {
      try {
        history.push(parseHistoryEvent(row.event_data));
      } catch (error) {
        return {
          history: [],
          historyError: unreadableEventMessage(instanceId, executionId, row.event_id, error),
        };
      }
    }
    return { history };
  }

  /** Builds the item for a batch, or returns null when the batch is an orphan. */
  function buildItem(
    instanceId: string,
    messages: WorkItem[],
    options: FetchOrchestrationOptions,
  ): OrchestrationItem | null {
    const instance = selectInstance.get({ instanceId });
    if (instance === undefined) {
      const start = messages.find(isStartItem);
      if (start === undefined) return null;
      return firstTurnItem(instanceId, start, messages, kv.readSnapshot(instanceId));
    }
    const executionId = instance.current_execution_id;
    const base: InstanceTurn = {
      instanceId,
      orchestrationName: instance.orchestration_name,
      orchestrationVersion: instance.orchestration_version ?? undefined,
      executionId,
      messages,
      instanceCreatedAt: instance.created_at,
      // Present only when set, so items of instances without them compare equal to before.
      ...(instance.version_pin === null ? {} : { versionPin: instance.version_pin }),
      ...(instance.next_version === null ? {} : { nextVersion: instance.next_version }),
      ...(instance.history_format === null ? {} : { historyFormat: instance.history_format }),
    };
    const hint = options.cachedHistory?.(instanceId);
    if (
      isHintForTurn(hint, executionId, instance.created_at) &&
      hint.lastEventId === (selectMaxEventId.get({ instanceId, executionId })?.maxEventId ?? 0)
    ) {
      return { ...base, history: [], historyCached: true };
    }
    const loaded = loadHistory(instanceId, executionId);
    return loadedTurnItem(base, loaded.history, loaded.historyError, kv.readSnapshot(instanceId));
  }

  /**
   * Deletes or delays an orphan batch and releases its lock. A start that is queued
   * but not visible yet (enqueued with a delay) means the instance is coming: its messages are
   * always kept.
   */
  function setAsideOrphans(
    instanceId: string,
    token: string,
    rows: readonly QueueRow[],
    messages: readonly WorkItem[],
    now: number,
  ): void {
    const oldestCreatedAt = rows.reduce((min, r) => Math.min(min, r.created_at), now);
    const isDroppable =
      messages.every((m) => m.type === 'QueueMessage') ||
      now - oldestCreatedAt >= ORPHAN_MAX_AGE_MS;
    if (isDroppable && selectPendingStart.get({ instanceId })?.found !== 1) {
      deleteMarked.run({ token });
    } else {
      delayMarked.run({ token, visibleAt: now + ORPHAN_RETRY_DELAY_MS });
    }
    releaseLock.run({ token });
  }

  /** The batch's readable rows and messages; the others are quarantined into `reports`. */
  function readBatch(
    rows: readonly QueueRow[],
    maxBytes: number,
    now: number,
    reports: PoisonedItemReport[],
  ): { kept: QueueRow[]; messages: WorkItem[] } {
    const kept: QueueRow[] = [];
    const messages: WorkItem[] = [];
    for (const row of rows) {
      const decoded =
        row.work_item === null
          ? tooLargeReason(row.size_bytes, maxBytes)
          : decodeWorkItem(row.work_item);
      if (typeof decoded !== 'string') {
        kept.push(row);
        messages.push(decoded);
        continue;
      }
      const report = poisoned.quarantine('orchestrator', row.id, decoded, now);
      if (report !== undefined) reports.push(report);
    }
    return { kept, messages };
  }

  const tx = ownTransaction(
    db,
    (
      options: FetchOrchestrationOptions,
      now: number,
      reports: PoisonedItemReport[],
    ): LockedOrchestrationItem | null => {
      const maxBytes = options.maxItemBytes ?? -1;
      const lockedUntil = now + options.lockTimeoutMs;
      const exclude = JSON.stringify(options.excludeInstances ?? []);
      for (let i = 0; i < MAX_CANDIDATES_PER_FETCH; i++) {
        const candidate = selectCandidate.get({
          now,
          exclude,
          maxFormat: options.maxHistoryFormat ?? null,
        });
        if (candidate === undefined) return null;
        const instanceId = candidate.instance_id;
        const token = randomUUID();
        // Inside an IMMEDIATE transaction nobody can take the lock between the candidate query
        // and here; the WHERE on the upsert is a second line of defence.
        if (takeLock.run({ instanceId, token, lockedUntil, now }).changes !== 1) return null;
        if (markRows.run({ instanceId, token, lockedUntil, now }).changes === 0) {
          // The id read back differs from the stored one: nothing matches it, ever.
          const report = poisoned.quarantine(
            'orchestrator',
            candidate.id,
            UNMATCHED_ID_REASON,
            now,
          );
          if (report !== undefined) reports.push(report);
          releaseLock.run({ token });
          continue;
        }
        const { kept: rows, messages } = readBatch(
          selectMarked.all({ token, maxBytes }),
          maxBytes,
          now,
          reports,
        );
        if (rows.length === 0) {
          releaseLock.run({ token });
          continue;
        }
        const item = buildItem(instanceId, messages, options);
        if (item === null) {
          setAsideOrphans(instanceId, token, rows, messages, now);
          continue;
        }
        // A batch can hold many rows (a flood of events); reduce avoids spreading them as arguments.
        const attemptCount = rows.reduce((max, r) => Math.max(max, r.attempt_count), 0);
        return { item, lockToken: token, attemptCount };
      }
      return null;
    },
  );

  return (options, now) => {
    const reports: PoisonedItemReport[] = [];
    const locked = tx(options, now, reports);
    reportPoisoned(reports, options.onPoisoned);
    return locked;
  };
}
