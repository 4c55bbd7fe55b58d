/**
 * `readQueueActivity`: whether any work is due or in flight, and when the next delayed item
 * becomes visible. The test kit's virtual clock moves time only while nothing is due or locked.
 * @module
 */
import type Database from 'better-sqlite3';

/** What the queues hold at one moment. */
export interface QueueActivity {
  /** An item is visible (taken or not) in either queue, or an instance is locked. */
  readonly isBusy: boolean;
  /** The earliest future visibility in either queue (timers, delayed retries), if any. */
  readonly nextVisibleAt: number | null;
}

export type ReadQueueActivity = (now: number) => QueueActivity;

/**
 * One statement, so the answer comes from one snapshot. A visible row counts whether or not it
 * is locked: unlocked it is waiting for a fetch, locked it is being processed (its ack removes
 * it in the same transaction that queues whatever follows).
 */
export function prepareReadQueueActivity(db: Database.Database): ReadQueueActivity {
  const select = db.prepare<{ now: number }, { busy: number; nextVisibleAt: number | null }>(
    `SELECT (EXISTS (SELECT 1 FROM orchestrator_queue WHERE visible_at <= @now)
             OR EXISTS (SELECT 1 FROM worker_queue WHERE visible_at <= @now)
             OR EXISTS (SELECT 1 FROM instance_locks WHERE locked_until > @now)) AS busy,
            (SELECT MIN(visible_at) FROM (
               SELECT visible_at FROM orchestrator_queue WHERE visible_at > @now
               UNION ALL
               SELECT visible_at FROM worker_queue WHERE visible_at > @now)) AS nextVisibleAt`,
  );
  return (now) => {
    const row = select.get({ now });
    return { isBusy: row?.busy === 1, nextVisibleAt: row?.nextVisibleAt ?? null };
  };
}
