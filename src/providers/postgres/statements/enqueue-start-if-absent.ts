/**
 * `enqueueStartIfAbsent`: a client's start, refused when the instance already exists.
 * @module
 */
import type { WorkItemOfType } from '../../../core/history/work-item.js';
import type { Queryable } from '../database.js';
import { encodeSignals } from '../notify/signal-payload.js';
import type { StatementContext } from './statement-context.js';

/** Returns the `visible_at` of the queued start, or undefined when the instance exists. */
export type EnqueueStartIfAbsent = (
  db: Queryable,
  item: WorkItemOfType<'StartOrchestration'>,
  now: number,
) => Promise<number | undefined>;

/** The advisory lock key serializing the starts of one instance id (a batch takes the same). */
export function startLockKey(ctx: StatementContext, instanceId: string): string {
  return `${ctx.schema.name}:start:${instanceId}`;
}

/**
 * One call of the schema's `enqueue_start_if_absent` function (migration 0002): an advisory
 * lock per instance id, the existence check, the insert and the NOTIFY in one round trip.
 */
export function prepareEnqueueStartIfAbsent(ctx: StatementContext): EnqueueStartIfAbsent {
  const sql = `SELECT ${ctx.schema.quoted}.enqueue_start_if_absent($1, $2, $3, $4, $5, $6) AS visible_at`;
  return async (db, item, now) => {
    const payload = encodeSignals(ctx.origin, { orchestratorVisibleAt: now });
    const rows = await db.query<{ visible_at: string | number | null }>(
      sql,
      [
        item.instance,
        JSON.stringify(item),
        now,
        startLockKey(ctx, item.instance),
        ctx.schema.channel,
        payload,
      ],
      true,
    );
    const at = rows.rows[0]?.visible_at;
    return at === null || at === undefined ? undefined : Number(at);
  };
}
