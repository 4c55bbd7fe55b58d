/**
 * `fetchWorkItem`: peek-lock the oldest eligible activity, claiming its session.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ownTransaction } from './own-transaction.js';
import type { WorkItem } from '../../../core/history/work-item.js';
import type {
  FetchWorkOptions,
  LockedWorkItem,
  PoisonedItemReport,
  TagFilter,
} from '../../provider.js';
import { decodeWorkItem, reportPoisoned, tooLargeReason } from '../../shared/queue-row-decoding.js';
import { preparePoisonedItems } from './poisoned-items.js';
import { workLockToken } from '../../shared/work-lock-token.js';

export type FetchWorkItem = (options: FetchWorkOptions, now: number) => LockedWorkItem | null;

/** Rows a fetch may quarantine before it finds a readable one (then it returns null). */
const MAX_QUARANTINED_PER_FETCH = 16;

interface WorkerRow {
  id: number;
  /** NULL when larger than the fetch's `maxItemBytes` (never loaded). */
  work_item: string | null;
  size_bytes: number;
  attempt_count: number;
  session_id: string | null;
}

interface CandidateParams {
  now: number;
  /** JSON array of accepted tags (bound through `json_each`, so one statement serves any count). */
  tags: string;
  /** JSON array of activity names to skip. */
  exclude: string;
  /** The session owner fetching; unused (empty) without session routing. */
  ownerId: string;
  /** `maxItemBytes`, or -1 for no limit. */
  maxBytes: number;
}

type FilterKind = 'defaultOnly' | 'any' | 'tags' | 'defaultAnd';
type SessionMode = 'unrouted' | 'routed';

const TAG_CONDITIONS: Readonly<Record<FilterKind, string>> = {
  defaultOnly: 'q.tag IS NULL',
  any: '1 = 1',
  tags: 'q.tag IN (SELECT value FROM json_each(@tags))',
  defaultAnd: '(q.tag IS NULL OR q.tag IN (SELECT value FROM json_each(@tags)))',
};

/**
 * Without session routing only session-free rows qualify. With it, a session-bound row
 * qualifies unless ANOTHER owner holds a valid lease on its session (a lease held by this
 * owner, an expired lease and no lease at all are all fine).
 */
const SESSION_CONDITIONS: Readonly<Record<SessionMode, string>> = {
  unrouted: 'q.session_id IS NULL',
  routed: `(q.session_id IS NULL OR NOT EXISTS (
             SELECT 1 FROM sessions s
             WHERE s.session_id = q.session_id AND s.locked_until > @now AND s.worker_id <> @ownerId))`,
};

/**
 * FIFO by row id among rows that are visible, not validly locked (never locked, or the lock
 * expired — at-least-once redelivery), accepted by the tag filter, not excluded by activity
 * name, and routable to this caller's session owner. Locks the row with a new token and counts
 * the attempt; a session-bound row also claims (or renews) its session for the owner:
 * `worker_id = ownerId`, `locked_until = now + session.lockTimeoutMs`, `last_activity_at =
 * now`. All in one `BEGIN IMMEDIATE` transaction, so two processes sharing the file never take
 * the same row or both claim one session.
 *
 * A row larger than `maxItemBytes` (never loaded) or not decodable as a work item is moved to
 * `poisoned_items` instead, reported to `onPoisoned` after the commit, and the fetch takes the
 * next row.
 */
export function prepareFetchWorkItem(db: Database.Database): FetchWorkItem {
  const selectCandidate = new Map<string, Database.Statement<CandidateParams, WorkerRow>>();
  for (const kind of Object.keys(TAG_CONDITIONS) as FilterKind[]) {
    for (const mode of Object.keys(SESSION_CONDITIONS) as SessionMode[]) {
      selectCandidate.set(
        `${kind}/${mode}`,
        db.prepare<CandidateParams, WorkerRow>(
          `SELECT q.id, CASE WHEN @maxBytes >= 0 AND octet_length(q.work_item) > @maxBytes THEN NULL
                             ELSE q.work_item END AS work_item,
                  octet_length(q.work_item) AS size_bytes, q.attempt_count, q.session_id
           FROM worker_queue q
           WHERE q.visible_at <= @now AND (q.lock_token IS NULL OR q.locked_until <= @now)
             AND ${TAG_CONDITIONS[kind]}
             AND (@exclude = '[]' OR q.activity_name NOT IN (SELECT value FROM json_each(@exclude)))
             AND ${SESSION_CONDITIONS[mode]}
           ORDER BY q.id LIMIT 1`,
        ),
      );
    }
  }
  const lockRow = db.prepare<{ id: number; token: string; lockedUntil: number }>(
    `UPDATE worker_queue SET lock_token = @token, locked_until = @lockedUntil, attempt_count = attempt_count + 1
     WHERE id = @id`,
  );
  // The WHERE refuses a session another owner still holds (a second line of defence: inside
  // the IMMEDIATE transaction the candidate query already excluded it).
  const claimSession = db.prepare<{
    sessionId: string;
    ownerId: string;
    lockedUntil: number;
    now: number;
  }>(
    `INSERT INTO sessions (session_id, worker_id, locked_until, last_activity_at)
     VALUES (@sessionId, @ownerId, @lockedUntil, @now)
     ON CONFLICT (session_id) DO UPDATE SET
       worker_id = excluded.worker_id, locked_until = excluded.locked_until, last_activity_at = excluded.last_activity_at
     WHERE sessions.locked_until <= @now OR sessions.worker_id = excluded.worker_id`,
  );
  const poisoned = preparePoisonedItems(db);

  const tx = ownTransaction(
    db,
    (
      kind: FilterKind,
      tags: readonly string[],
      options: FetchWorkOptions,
      now: number,
      reports: PoisonedItemReport[],
    ): LockedWorkItem | null => {
      const session = options.session;
      const maxBytes = options.maxItemBytes ?? -1;
      const statement = selectCandidate.get(
        `${kind}/${session === undefined ? 'unrouted' : 'routed'}`,
      );
      const params: CandidateParams = {
        now,
        tags: JSON.stringify(tags),
        exclude: JSON.stringify(options.excludeActivities ?? []),
        ownerId: session?.ownerId ?? '',
        maxBytes,
      };
      let row: WorkerRow | undefined;
      let item: WorkItem | undefined;
      for (let i = 0; i <= MAX_QUARANTINED_PER_FETCH && item === undefined; i++) {
        row = statement?.get(params);
        if (row === undefined) return null;
        const decoded =
          row.work_item === null
            ? tooLargeReason(row.size_bytes, maxBytes)
            : decodeWorkItem(row.work_item);
        if (typeof decoded !== 'string') item = decoded;
        else {
          const report = poisoned.quarantine('worker', row.id, decoded, now);
          if (report !== undefined) reports.push(report);
        }
      }
      if (row === undefined || item === undefined) return null;
      if (row.session_id !== null && session !== undefined) {
        const claim = {
          sessionId: row.session_id,
          ownerId: session.ownerId,
          lockedUntil: now + session.lockTimeoutMs,
          now,
        };
        if (claimSession.run(claim).changes !== 1) return null;
      }
      const token = workLockToken(randomUUID(), options.lockOwner);
      lockRow.run({ id: row.id, token, lockedUntil: now + options.lockTimeoutMs });
      return {
        item,
        lockToken: token,
        attemptCount: row.attempt_count + 1,
      };
    },
  );

  return (options, now) => {
    const filter: TagFilter = options.tagFilter ?? 'defaultOnly';
    if (filter === 'none') return null;
    const reports: PoisonedItemReport[] = [];
    let locked: LockedWorkItem | null;
    if (filter === 'defaultOnly' || filter === 'any') {
      locked = tx(filter, [], options, now, reports);
    } else if ('tags' in filter) locked = tx('tags', filter.tags, options, now, reports);
    else locked = tx('defaultAnd', filter.defaultAnd, options, now, reports);
    reportPoisoned(reports, options.onPoisoned);
    return locked;
  };
}
