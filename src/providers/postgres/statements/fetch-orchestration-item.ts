/**
 * `fetchOrchestrationItem`: peek-lock one instance's visible batch.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { HistoryEvent } from '../../../core/history/history-event.js';
import { parseHistoryEvent } from '../../../core/history/history-event.js';
import type { WorkItem } from '../../../core/history/work-item.js';
import type {
  FetchOrchestrationOptions,
  KvEntryRecord,
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
import { decodeWorkItem, reportPoisoned, tooLargeReason } from '../../shared/queue-row-decoding.js';
import type { Queryable } from '../database.js';
import { firstCandidateBatcher } from './fetch-batcher.js';
import type { FetchedRow } from './fetch-first-candidate.js';
import { type PoisonTarget, preparePoisonedItems } from './poisoned-items.js';
import type { StatementContext } from './statement-context.js';
import { table } from './statement-context.js';

export type FetchOrchestrationItem = (
  db: Queryable,
  options: FetchOrchestrationOptions,
  now: number,
) => Promise<LockedOrchestrationItem | null>;

/** Queue rows read per candidate query; several usually belong to the same instance. */
const CANDIDATE_ROWS = 32;

/** Batches a fetch may find entirely unreadable (and quarantine) before it returns null. */
const MAX_QUARANTINED_BATCHES = 8;

/** One row of history (`h`) or of the KV store (`k`). */
interface StateRow {
  part: 'h' | 'k';
  event_id: number | null;
  data: string;
  key: string | null;
  updated_at: number | null;
}

/**
 * First, one plain statement takes the first candidate (fetch-first-candidate.ts, the same
 * rules as the function for its first candidate; the fetches of one event-loop turn share one
 * statement, each taking a distinct instance: fetch-batcher.ts, ADR 0018); when that candidate was taken meanwhile,
 * or is an orphan or had nothing left to mark, the function runs. Its steps 1–7 run inside the schema's `fetch_orchestration_item` function (migration 0001, and
 * its 0003 overload used here, which adds the history-format filter), one
 * round trip, as one READ COMMITTED transaction — the shape of duroxide-pg's fetch:
 *
 * 1. Candidates: instances of the oldest visible rows, by `(visible_at, id)`, with no valid
 *    lock, not excluded and — with `maxHistoryFormat` — not recorded in a newer history format
 *    (absent format = 1; instances without a row always match) — a plain read that locks nothing, so fetchers never wait on each
 *    other's candidates.
 * 2. Instance lock, per candidate in order: `pg_try_advisory_xact_lock` (never waits) guards
 *    taking a free or expired `instance_locks` row; a valid lock row is never touched. If
 *    either fails another dispatcher won the instance, and the fetch moves on to the next
 *    candidate instead of returning nothing (duroxide-pg migration 0017 fixed exactly this).
 * 3. Mark every visible row of the instance with the token and count the attempt, through
 *    `FOR UPDATE SKIP LOCKED`: a row another session holds (a deletion in flight) is left
 *    alone rather than waited for; rows arriving later stay unmarked for the next turn.
 * 4. Return the batch with the instance's metadata and largest event id.
 *
 * Orphan batches (no instance row and no start item) never block the queue, as in
 * the SQLite provider: pure `QueueMessage` batches and batches older than
 * {@link ORPHAN_MAX_AGE_MS} are deleted (unless a delayed start is queued); others are pushed
 * {@link ORPHAN_RETRY_DELAY_MS} into the future with their attempt undone; either way the
 * function moves on to the next candidate.
 *
 * Then, here: unless the caller's cache hint still matches, the current execution's history
 * and the KV snapshot (`kv_store`, never the current execution's delta) are read (a second
 * round trip; the committed instance lock keeps them stable). Unparseable history never fails
 * the fetch: the item comes back locked with `history: []` and `historyError`, so
 * the runtime can poison it. Queue rows that do not decode, or
 * that the function returned without their text (over `maxItemBytes`), are moved to `poisoned_items`
 * and reported to `onPoisoned`; the batch goes on without them. Any other failure here (connection lost) gives the batch back
 * before the error is reported, so an error never leaves a lock behind.
 */
export function prepareFetchOrchestrationItem(ctx: StatementContext): FetchOrchestrationItem {
  // The 0005 overload (size limit; row ids and sizes in the result).
  const fetchSql = `SELECT * FROM ${ctx.schema.quoted}.fetch_orchestration_item($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`;
  const poisoned = preparePoisonedItems(ctx);
  // History and the KV snapshot in one round trip ('h' rows sort before 'k' rows).
  const selectStateSql = `
    SELECT 'h' AS part, event_id, event_data AS data, NULL::text AS key, NULL::bigint AS updated_at
    FROM ${table(ctx, 'history')} WHERE instance_id = $1 AND execution_id = $2
    UNION ALL
    SELECT 'k', NULL, value, key, last_updated_at_ms FROM ${table(ctx, 'kv_store')} WHERE instance_id = $1
    ORDER BY part, event_id`;
  const lockKeyPrefix = `${ctx.schema.name}:`;
  const firstCandidate = firstCandidateBatcher(ctx, lockKeyPrefix);
  // Gives a fetched batch back as if never fetched (attempt undone).
  const releaseSql = `
    WITH released AS (
      UPDATE ${table(ctx, 'orchestrator_queue')}
      SET lock_token = NULL, locked_until = NULL, attempt_count = GREATEST(attempt_count - 1, 0)
      WHERE lock_token = $1)
    DELETE FROM ${table(ctx, 'instance_locks')} WHERE lock_token = $1`;

  async function loadState(
    db: Queryable,
    instanceId: string,
    executionId: number,
  ): Promise<{
    history: HistoryEvent[];
    historyError?: string;
    kvSnapshot: Map<string, KvEntryRecord>;
  }> {
    const { rows } = await db.query<StateRow>(selectStateSql, [instanceId, executionId], true);
    const history: HistoryEvent[] = [];
    const kvSnapshot = new Map<string, KvEntryRecord>();
    let historyError: string | undefined;
    for (const row of rows) {
      if (row.part === 'k') {
        kvSnapshot.set(row.key ?? '', { value: row.data, lastUpdatedAt: row.updated_at ?? 0 });
        continue;
      }
      if (historyError !== undefined) continue;
      try {
        history.push(parseHistoryEvent(row.data));
      } catch (error) {
        historyError = unreadableEventMessage(instanceId, executionId, row.event_id, error);
      }
    }
    return historyError === undefined
      ? { history, kvSnapshot }
      : { history: [], historyError, kvSnapshot };
  }

  /** The batch's readable messages; the other rows are quarantined into `reports`. */
  async function readBatch(
    db: Queryable,
    row: FetchedRow,
    token: string,
    options: FetchOrchestrationOptions,
    now: number,
    reports: PoisonedItemReport[],
  ): Promise<WorkItem[]> {
    const messages: WorkItem[] = [];
    const targets: PoisonTarget[] = [];
    row.work_items.forEach((text, i) => {
      const decoded =
        text === null
          ? tooLargeReason(Number(row.item_sizes[i]), options.maxItemBytes ?? 0)
          : decodeWorkItem(text);
      if (typeof decoded !== 'string') messages.push(decoded);
      else targets.push({ id: Number(row.row_ids[i]), reason: decoded });
    });
    if (targets.length > 0) {
      reports.push(...(await poisoned.quarantine(db, 'orchestrator', token, targets, now)));
    }
    return messages;
  }

  async function buildItem(
    db: Queryable,
    row: FetchedRow,
    messages: WorkItem[],
    options: FetchOrchestrationOptions,
  ): Promise<OrchestrationItem> {
    const instanceId = row.fetched_instance_id;
    if (
      !row.has_instance ||
      row.instance_execution_id === null ||
      row.instance_created_at === null
    ) {
      // The function only returns a new instance's batch when it holds a start item.
      return firstTurnItem(instanceId, messages.find(isStartItem), messages, new Map());
    }
    const executionId = row.instance_execution_id;
    const base: InstanceTurn = {
      instanceId,
      orchestrationName: row.instance_name ?? undefined,
      orchestrationVersion: row.instance_version ?? undefined,
      executionId,
      messages,
      instanceCreatedAt: row.instance_created_at,
      // Present only when set, so items of instances without them compare equal to before.
      ...(row.instance_version_pin === null ? {} : { versionPin: row.instance_version_pin }),
      ...(row.instance_next_version === null ? {} : { nextVersion: row.instance_next_version }),
      ...(row.instance_history_format === null
        ? {}
        : { historyFormat: row.instance_history_format }),
    };
    const hint = options.cachedHistory?.(instanceId);
    if (
      isHintForTurn(hint, executionId, row.instance_created_at) &&
      hint.lastEventId === (row.max_event_id ?? 0)
    ) {
      return { ...base, history: [], historyCached: true };
    }
    const loaded = await loadState(db, instanceId, executionId);
    return loadedTurnItem(base, loaded.history, loaded.historyError, loaded.kvSnapshot);
  }

  async function fetchOnce(
    db: Queryable,
    options: FetchOrchestrationOptions,
    now: number,
    reports: PoisonedItemReport[],
  ): Promise<LockedOrchestrationItem | null | 'again'> {
    const token = randomUUID();
    const excluded = [...(options.excludeInstances ?? [])];
    // The first candidate with one plain statement; the function for everything else.
    // Batched with the other fetches of this event-loop turn (fetch-batcher.ts).
    const first = await firstCandidate(db, {
      now,
      lockTimeoutMs: options.lockTimeoutMs,
      token,
      excluded,
      maxHistoryFormat: options.maxHistoryFormat ?? null,
      maxItemBytes: options.maxItemBytes ?? null,
    });
    if (first === undefined) return null;
    let rows: FetchedRow[] = first.outcome === 'ok' ? [first] : [];
    if (first.outcome !== 'ok') {
      // 'empty' / 'orphan' hold the lock: give the batch back (attempt undone) first.
      if (first.outcome !== 'busy') await db.query(releaseSql, [token]);
      rows = (
        await db.query<FetchedRow>(
          fetchSql,
          [
            now,
            now + options.lockTimeoutMs,
            token,
            excluded,
            lockKeyPrefix,
            MAX_CANDIDATES_PER_FETCH,
            CANDIDATE_ROWS,
            ORPHAN_MAX_AGE_MS,
            ORPHAN_RETRY_DELAY_MS,
            options.maxHistoryFormat ?? null,
            options.maxItemBytes ?? null,
          ],
          true,
        )
      ).rows;
    }
    const row = rows[0];
    if (row === undefined) return null;
    try {
      const messages = await readBatch(db, row, token, options, now, reports);
      // Nothing readable left (or a new instance lost its start): give the lock back, go on.
      if (messages.length === 0 || (!row.has_instance && !messages.some(isStartItem))) {
        await db.query(releaseSql, [token]);
        return 'again';
      }
      return {
        item: await buildItem(db, row, messages, options),
        lockToken: token,
        attemptCount: row.max_attempt_count,
      };
    } catch (error) {
      // Never fail while holding the lock: give the batch back, best
      // effort (if this fails too, the lock simply expires), then report the error.
      await db.query(releaseSql, [token]).catch(() => undefined);
      throw error;
    }
  }

  return async (db, options, now) => {
    const reports: PoisonedItemReport[] = [];
    try {
      for (let i = 0; i < MAX_QUARANTINED_BATCHES; i++) {
        const result = await fetchOnce(db, options, now, reports);
        if (result !== 'again') return result;
      }
      return null;
    } finally {
      reportPoisoned(reports, options.onPoisoned);
    }
  };
}
