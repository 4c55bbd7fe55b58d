/**
 * `fetchWorkItem`: peek-lock the oldest eligible activity.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type {
  FetchWorkOptions,
  LockedWorkItem,
  PoisonedItemReport,
  TagFilter,
} from '../../provider.js';
import { decodeWorkItem, reportPoisoned, tooLargeReason } from '../../shared/queue-row-decoding.js';
import type { Queryable } from '../database.js';
import { preparePoisonedItems } from './poisoned-items.js';
import type { StatementContext } from './statement-context.js';
import { table } from './statement-context.js';
import { workLockToken } from '../../shared/work-lock-token.js';

export type FetchWorkItem = (
  db: Queryable,
  options: FetchWorkOptions,
  now: number,
) => Promise<LockedWorkItem | null>;

type TagKind = 'defaultOnly' | 'any' | 'tags' | 'defaultAnd';

/** Rows a fetch may quarantine before it finds a readable one (then it returns null). */
const MAX_QUARANTINED_PER_FETCH = 16;

/** `tags` is the parameter holding the accepted tags (text[]), passed only to the kinds that use it. */
const TAG_CONDITIONS: Readonly<Record<TagKind, (tags: string) => string>> = {
  defaultOnly: () => 'w.tag IS NULL',
  any: () => 'TRUE',
  tags: (tags) => `w.tag = ANY(${tags}::text[])`,
  defaultAnd: (tags) => `(w.tag IS NULL OR w.tag = ANY(${tags}::text[]))`,
};

/**
 * Without a session owner only session-less rows qualify; with one (`$5`), also rows whose
 * session this owner holds or nobody validly holds.
 */
const SESSION_CONDITIONS = {
  none: 'w.session_id IS NULL',
  owner: (sessions: string) => `(w.session_id IS NULL OR NOT EXISTS (
      SELECT 1 FROM ${sessions} s WHERE s.session_id = w.session_id AND s.locked_until > $1 AND s.worker_id <> $5))`,
};

/**
 * One statement, the classic `FOR UPDATE SKIP LOCKED` queue pop, so workers in any number of
 * processes never take the same row and never wait for each other: FIFO by row id among rows
 * that are visible, not validly locked (never locked, or the lock expired — at-least-once
 * redelivery), accepted by the tag filter, not excluded by activity name, and routable to
 * this worker's sessions.
 *
 * A session-bound row is locked only if its session is claimed (or renewed) for the owner in
 * the same statement: the session row is created, taken over when expired, or refreshed when
 * already the owner's, with `locked_until = now + session.lockTimeoutMs` and
 * `last_activity_at = now`. If another worker won the session meanwhile the claim is refused
 * and nothing is locked (null): a session belongs to one worker at a time.
 *
 * A row over `maxItemBytes` comes back without its text (never loaded); it and a row that does
 * not decode as a work item are moved to `poisoned_items`, reported to `onPoisoned`, and the
 * fetch takes the next row.
 */
export function prepareFetchWorkItem(ctx: StatementContext): FetchWorkItem {
  const queue = table(ctx, 'worker_queue');
  const sessions = table(ctx, 'sessions');
  const sqlFor = new Map<string, string>();
  // The size limit is the last parameter: after $4, the session pair ($5, $6) and the tags.
  const limitParam = (kind: TagKind, withSession: boolean): string =>
    `$${5 + (withSession ? 2 : 0) + (kind === 'tags' || kind === 'defaultAnd' ? 1 : 0)}::bigint`;
  const build = (kind: TagKind, withSession: boolean): string => `
    WITH candidate AS (
      SELECT w.id, w.session_id FROM ${queue} w
      WHERE w.visible_at <= $1 AND (w.lock_token IS NULL OR w.locked_until <= $1)
        AND ${TAG_CONDITIONS[kind](withSession ? '$7' : '$5')}
        AND NOT (w.activity_name = ANY($2::text[]))
        AND ${withSession ? SESSION_CONDITIONS.owner(sessions) : SESSION_CONDITIONS.none}
      ORDER BY w.id LIMIT 1
      FOR UPDATE SKIP LOCKED),
    ${
      withSession
        ? `claimed AS (
      INSERT INTO ${sessions} AS s (session_id, worker_id, locked_until, last_activity_at)
      SELECT c.session_id, $5, $6::bigint, $1::bigint FROM candidate c WHERE c.session_id IS NOT NULL
      ON CONFLICT (session_id) DO UPDATE SET
        worker_id = EXCLUDED.worker_id, locked_until = EXCLUDED.locked_until, last_activity_at = EXCLUDED.last_activity_at
      WHERE s.locked_until <= $1 OR s.worker_id = $5
      RETURNING s.session_id),`
        : ''
    }
    locked AS (
      UPDATE ${queue} w SET lock_token = $3, locked_until = $4, attempt_count = w.attempt_count + 1
      FROM candidate c
      WHERE w.id = c.id ${withSession ? 'AND (c.session_id IS NULL OR EXISTS (SELECT 1 FROM claimed))' : ''}
      RETURNING w.id, CASE WHEN ${limitParam(kind, withSession)} IS NOT NULL
                             AND octet_length(w.work_item) > ${limitParam(kind, withSession)}
                           THEN NULL ELSE w.work_item END AS work_item,
                octet_length(w.work_item) AS size_bytes, w.attempt_count)
    SELECT id, work_item, size_bytes, attempt_count FROM locked`;
  const poisoned = preparePoisonedItems(ctx);
  for (const kind of Object.keys(TAG_CONDITIONS) as TagKind[]) {
    sqlFor.set(`${kind}/session`, build(kind, true));
    sqlFor.set(`${kind}/none`, build(kind, false));
  }

  async function fetch(
    db: Queryable,
    kind: TagKind,
    tags: readonly string[],
    options: FetchWorkOptions,
    now: number,
    reports: PoisonedItemReport[],
  ): Promise<LockedWorkItem | null | 'again'> {
    const token = workLockToken(randomUUID(), options.lockOwner);
    const params: unknown[] = [
      now,
      [...(options.excludeActivities ?? [])],
      token,
      now + options.lockTimeoutMs,
    ];
    const session = options.session;
    // $5/$6 only with a session; the tags come last ($5 or $7) for the kinds that use them.
    if (session !== undefined) params.push(session.ownerId, now + session.lockTimeoutMs);
    if (kind === 'tags' || kind === 'defaultAnd') params.push([...tags]);
    params.push(options.maxItemBytes ?? null);
    const sql = sqlFor.get(`${kind}/${session === undefined ? 'none' : 'session'}`) ?? '';
    const { rows } = await db.query<{
      id: string;
      work_item: string | null;
      size_bytes: string;
      attempt_count: number;
    }>(sql, params, true);
    const row = rows[0];
    if (row === undefined) return null;
    const decoded =
      row.work_item === null
        ? tooLargeReason(Number(row.size_bytes), options.maxItemBytes ?? 0)
        : decodeWorkItem(row.work_item);
    if (typeof decoded === 'string') {
      const target = { id: Number(row.id), reason: decoded };
      reports.push(...(await poisoned.quarantine(db, 'worker', token, [target], now)));
      return 'again';
    }
    const locked: LockedWorkItem = {
      item: decoded,
      lockToken: token,
      attemptCount: row.attempt_count,
    };
    return locked;
  }

  return async (db, options, now) => {
    const filter: TagFilter = options.tagFilter ?? 'defaultOnly';
    if (filter === 'none') return null;
    const [kind, tags]: [TagKind, readonly string[]] =
      filter === 'defaultOnly' || filter === 'any'
        ? [filter, []]
        : 'tags' in filter
          ? ['tags', filter.tags]
          : ['defaultAnd', filter.defaultAnd];
    const reports: PoisonedItemReport[] = [];
    try {
      for (let i = 0; i < MAX_QUARANTINED_PER_FETCH; i++) {
        const result = await fetch(db, kind, tags, options, now, reports);
        if (result !== 'again') return result;
      }
      return null;
    } finally {
      reportPoisoned(reports, options.onPoisoned);
    }
  };
}
