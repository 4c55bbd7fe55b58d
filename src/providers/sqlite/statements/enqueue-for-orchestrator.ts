/**
 * `enqueueForOrchestrator`: a client-side insert into an instance's orchestrator queue.
 * @module
 */
import type Database from 'better-sqlite3';
import { ownTransaction } from './own-transaction.js';
import type { WorkItem } from '../../../core/history/work-item.js';
import { prepareInsertOrchestratorItem } from './insert-orchestrator-item.js';

/** Enqueues `item`; returns the `visible_at` it got. */
export type EnqueueForOrchestrator = (
  item: WorkItem,
  delayMs: number | undefined,
  now: number,
) => number;

/**
 * `TimerFired` becomes visible at its `fireAt` (the delay is ignored for timers); everything
 * else at `now + delayMs`. Never creates instance rows.
 */
export function prepareEnqueueForOrchestrator(db: Database.Database): EnqueueForOrchestrator {
  const insert = prepareInsertOrchestratorItem(db);
  const tx = ownTransaction(db, (item: WorkItem, visibleAt: number, now: number) =>
    insert(item, visibleAt, now),
  );
  return (item, delayMs, now) => {
    const visibleAt =
      item.type === 'TimerFired' ? Math.max(item.fireAt, 0) : now + Math.max(delayMs ?? 0, 0);
    return tx(item, visibleAt, now);
  };
}
