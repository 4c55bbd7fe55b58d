/**
 * `enqueueStartIfAbsent`: a client's start, refused when the instance already exists.
 * @module
 */
import type { WorkItemOfType } from '../../../core/history/work-item.js';
import type { Queryable } from '../database.js';
import { encodeSignals } from '../notify/signal-payload.js';
import type { StatementContext } from './statement-context.js';
import { table } from './statement-context.js';

/** Returns the `visible_at` of the queued start, or undefined when the instance exists. */
export type EnqueueStartIfAbsent = (
  db: Queryable,
  item: WorkItemOfType<'StartOrchestration'>,
  now: number,
) => Promise<number | undefined>;

/**
 * A text as an SQL literal: `E'…'` with quotes and backslashes doubled, right whatever
 * `standard_conforming_strings` says (node-postgres's `escapeLiteral` does the same).
 */
function literal(text: string): string {
  return `E'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * Two plain statements in ONE simple-protocol query (one round trip, one implicit
 * transaction): an advisory lock per instance id, then the existence check and the insert
 * with its NOTIFY. Each statement of such a query takes its own snapshot, so the check runs
 * after the lock and sees a start committed by whoever held it — the semantics of the
 * `enqueue_start_if_absent` function (migration 0002), without PL/pgSQL. The simple protocol
 * has no parameters: values are sent as escaped literals.
 */
export function prepareEnqueueStartIfAbsent(ctx: StatementContext): EnqueueStartIfAbsent {
  const queue = table(ctx, 'orchestrator_queue');
  return async (db, item, now) => {
    const payload = encodeSignals(ctx.origin, { orchestratorVisibleAt: now });
    const id = literal(item.instance);
    const at = String(Math.trunc(now));
    const sql =
      `SELECT pg_advisory_xact_lock(hashtextextended(${literal(`${ctx.schema.name}:start:${item.instance}`)}, 0));` +
      ` WITH ins AS (INSERT INTO ${queue} (instance_id, item_type, work_item, visible_at, attempt_count, created_at)` +
      ` SELECT ${id}, 'StartOrchestration', ${literal(JSON.stringify(item))}, ${at}, 0, ${at}` +
      ` WHERE NOT EXISTS (SELECT 1 FROM ${table(ctx, 'instances')} WHERE instance_id = ${id})` +
      ` AND NOT EXISTS (SELECT 1 FROM ${queue} WHERE instance_id = ${id} AND item_type = 'StartOrchestration')` +
      ` RETURNING visible_at)` +
      ` SELECT ins.visible_at, pg_notify(${literal(ctx.schema.channel)}, ${literal(payload)}) FROM ins`;
    const rows = await db.query<{ visible_at: string | number }>(sql);
    const visibleAt = rows.rows[0]?.visible_at;
    return visibleAt === undefined ? undefined : Number(visibleAt);
  };
}
