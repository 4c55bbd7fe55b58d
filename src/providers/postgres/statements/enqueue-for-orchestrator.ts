/**
 * `enqueueForOrchestrator`: a client-side insert into an instance's orchestrator queue.
 * @module
 */
import type { WorkItem } from '../../../core/history/work-item.js';
import { targetInstance } from '../../../core/history/work-item.js';
import type { Queryable } from '../database.js';
import { encodeSignals } from '../notify/signal-payload.js';
import type { StatementContext } from './statement-context.js';
import { table } from './statement-context.js';

/** Enqueues `item`; returns the `visible_at` it got. */
export type EnqueueForOrchestrator = (
  db: Queryable,
  item: WorkItem,
  delayMs: number | undefined,
  now: number,
) => Promise<number>;

/**
 * `TimerFired` becomes visible at its `fireAt` (the delay is ignored for timers); everything
 * else at `now + delayMs`. One statement: the INSERT and the NOTIFY commit together. Never
 * creates instance rows.
 */
export function prepareEnqueueForOrchestrator(ctx: StatementContext): EnqueueForOrchestrator {
  const sql = `
    WITH inserted AS (
      INSERT INTO ${table(ctx, 'orchestrator_queue')} (instance_id, item_type, work_item, visible_at, attempt_count, created_at)
      VALUES ($1, $2, $3, $4, 0, $5)
      RETURNING visible_at)
    SELECT pg_notify($6, $7) FROM inserted`;
  return async (db, item, delayMs, now) => {
    const visibleAt =
      item.type === 'TimerFired' ? Math.max(item.fireAt, 0) : now + Math.max(delayMs ?? 0, 0);
    const payload = encodeSignals(ctx.origin, { orchestratorVisibleAt: visibleAt });
    await db.query(
      sql,
      [
        targetInstance(item),
        item.type,
        JSON.stringify(item),
        visibleAt,
        now,
        ctx.schema.channel,
        payload,
      ],
      true,
    );
    return visibleAt;
  };
}
