/**
 * `poisoned_items`: quarantining queue rows the fetch cannot process, and the operator's read.
 * @module
 */
import type {
  PoisonedItemPage,
  PoisonedItemQuery,
  PoisonedItemReport,
  PoisonedQueue,
} from '../../provider.js';
import {
  type PoisonedRow,
  poisonedPage,
  poisonedPageBounds,
} from '../../shared/queue-row-decoding.js';
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
import { table } from './statement-context.js';

/** One row to quarantine: its queue row id and why. */
export interface PoisonTarget {
  readonly id: number;
  readonly reason: string;
}

export interface PoisonedItems {
  /**
   * Moves the listed rows of `queue` still locked with `lockToken` to `poisoned_items` in one
   * statement (the text never leaves the server); returns a report per moved row.
   */
  quarantine(
    db: Queryable,
    queue: PoisonedQueue,
    lockToken: string,
    targets: readonly PoisonTarget[],
    now: number,
  ): Promise<PoisonedItemReport[]>;
  list(db: Queryable, query: PoisonedItemQuery): Promise<PoisonedItemPage>;
  /** Deletes the rows poisoned before `poisonedBefore`; returns how many. */
  prune(db: Queryable, poisonedBefore: number): Promise<number>;
}

interface MovedRow {
  id: string;
  instance_id: string | null;
  item_type: string | null;
  size_bytes: string;
  reason: string;
}

export function preparePoisonedItems(ctx: StatementContext): PoisonedItems {
  const poisoned = table(ctx, 'poisoned_items');
  const moveSql = (queue: PoisonedQueue): string => `
    WITH moved AS (
      DELETE FROM ${table(ctx, `${queue}_queue`)}
      WHERE id = ANY($1::bigint[]) AND lock_token = $3
      RETURNING id, instance_id, ${queue === 'worker' ? "'ActivityExecute'::text AS item_type" : 'item_type'},
                work_item, attempt_count, created_at)
    INSERT INTO ${poisoned} (queue, source_id, instance_id, item_type, work_item, size_bytes,
                             attempt_count, reason, enqueued_at, poisoned_at)
    SELECT '${queue}', m.id, m.instance_id, m.item_type, m.work_item, octet_length(m.work_item),
           m.attempt_count, r.reason, m.created_at, $4
    FROM moved m JOIN unnest($1::bigint[], $2::text[]) AS r(id, reason) ON r.id = m.id
    RETURNING id, instance_id, item_type, size_bytes, reason`;
  const moves = { orchestrator: moveSql('orchestrator'), worker: moveSql('worker') };
  const listSql = `
    SELECT id, queue, instance_id, item_type, reason, size_bytes, attempt_count, enqueued_at,
           poisoned_at, substr(work_item, 1, 200) AS preview
    FROM ${poisoned} WHERE id < $1 ORDER BY id DESC LIMIT $2`;
  return {
    async quarantine(db, queue, lockToken, targets, now) {
      const { rows } = await db.query<MovedRow>(moves[queue], [
        targets.map((t) => t.id),
        targets.map((t) => t.reason),
        lockToken,
        now,
      ]);
      return rows.map((r) => ({
        poisonId: Number(r.id),
        queue,
        instanceId: r.instance_id ?? undefined,
        itemType: r.item_type ?? undefined,
        reason: r.reason,
        sizeBytes: Number(r.size_bytes),
      }));
    },
    async list(db, query) {
      const { limit, beforeId } = poisonedPageBounds(query);
      const { rows } = await db.query<PoisonedRow>(listSql, [beforeId, limit + 1]);
      return poisonedPage(rows, limit);
    },
    async prune(db, poisonedBefore) {
      return (await db.query(`DELETE FROM ${poisoned} WHERE poisoned_at < $1`, [poisonedBefore]))
        .rowCount;
    },
  };
}
