/**
 * `hasQueuedCancel`: whether a `CancelInstance` waits in an instance's orchestrator queue.
 * @module
 */
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
import { table } from './statement-context.js';

export type ReadQueuedCancel = (db: Queryable, instanceId: string) => Promise<boolean>;

/**
 * Locked rows count too: a turn holding the cancel has not committed it yet, so the instance
 * still reads as Running. Served by `idx_orchestrator_queue_instance (instance_id, item_type)`.
 */
export function prepareReadQueuedCancel(ctx: StatementContext): ReadQueuedCancel {
  const sql = `
    SELECT EXISTS (SELECT 1 FROM ${table(ctx, 'orchestrator_queue')}
                   WHERE instance_id = $1 AND item_type = 'CancelInstance') AS found`;
  return async (db, instanceId) => {
    const { rows } = await db.query<{ found: boolean }>(sql, [instanceId], true);
    return rows[0]?.found === true;
  };
}
