/**
 * `fetchWorkItem`: peek-lock the oldest eligible activity (SPEC §7.7).
 * @module
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { WorkItem } from '../../../core/history/work-item.js';
import type { FetchWorkOptions, LockedWorkItem, TagFilter } from '../../provider.js';

export type FetchWorkItem = (options: FetchWorkOptions, now: number) => LockedWorkItem | null;

interface WorkerRow {
  id: number;
  work_item: string;
  attempt_count: number;
}

interface CandidateParams {
  now: number;
  /** JSON array of accepted tags (bound through `json_each`, so one statement serves any count). */
  tags: string;
  /** JSON array of activity names to skip. */
  exclude: string;
}

type FilterKind = 'defaultOnly' | 'any' | 'tags' | 'defaultAnd';

const TAG_CONDITIONS: Readonly<Record<FilterKind, string>> = {
  defaultOnly: 'tag IS NULL',
  any: '1 = 1',
  tags: 'tag IN (SELECT value FROM json_each(@tags))',
  defaultAnd: '(tag IS NULL OR tag IN (SELECT value FROM json_each(@tags)))',
};

/**
 * FIFO by row id among rows that are visible, not validly locked (never locked, or the lock
 * expired — at-least-once redelivery) and accepted by the tag filter. Locks the row with a new
 * token and counts the attempt, in one `BEGIN IMMEDIATE` transaction so two processes sharing
 * the file never take the same row.
 *
 * Sessions are not part of the contract yet: session-bound rows are fetched like any other.
 */
export function prepareFetchWorkItem(db: Database.Database): FetchWorkItem {
  const selectByFilter = new Map(
    (Object.keys(TAG_CONDITIONS) as FilterKind[]).map((kind) => [
      kind,
      db.prepare<CandidateParams, WorkerRow>(
        `SELECT id, work_item, attempt_count FROM worker_queue
         WHERE visible_at <= @now AND (lock_token IS NULL OR locked_until <= @now)
           AND ${TAG_CONDITIONS[kind]}
           AND (@exclude = '[]' OR activity_name NOT IN (SELECT value FROM json_each(@exclude)))
         ORDER BY id LIMIT 1`,
      ),
    ]),
  );
  const lockRow = db.prepare<{ id: number; token: string; lockedUntil: number }>(
    `UPDATE worker_queue SET lock_token = @token, locked_until = @lockedUntil, attempt_count = attempt_count + 1
     WHERE id = @id`,
  );

  const tx = db.transaction((kind: FilterKind, tags: readonly string[], options: FetchWorkOptions, now: number) => {
    const exclude = JSON.stringify(options.excludeActivities ?? []);
    const row = selectByFilter.get(kind)?.get({ now, tags: JSON.stringify(tags), exclude });
    if (row === undefined) return null;
    const token = randomUUID();
    lockRow.run({ id: row.id, token, lockedUntil: now + options.lockTimeoutMs });
    const locked: LockedWorkItem = {
      item: JSON.parse(row.work_item) as WorkItem,
      lockToken: token,
      attemptCount: row.attempt_count + 1,
    };
    return locked;
  });

  return (options, now) => {
    const filter: TagFilter = options.tagFilter ?? 'defaultOnly';
    if (filter === 'none') return null;
    if (filter === 'defaultOnly' || filter === 'any') return tx.immediate(filter, [], options, now);
    if ('tags' in filter) return tx.immediate('tags', filter.tags, options, now);
    return tx.immediate('defaultAnd', filter.defaultAnd, options, now);
  };
}
