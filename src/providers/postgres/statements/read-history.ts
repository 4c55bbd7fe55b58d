/**
 * `readHistory`: one execution's events, for clients and tooling (not the hot path).
 * @module
 */
import type { HistoryEvent } from '../../../core/history/history-event.js';
import { readStoredEvent } from '../../shared/history-row.js';
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
import { table } from './statement-context.js';

export type ReadHistory = (
  db: Queryable,
  instanceId: string,
  executionId: number | undefined,
) => Promise<HistoryEvent[]>;

/**
 * Reads the given execution, or the latest one (highest execution id, from `executions`, else
 * from `history`) when omitted, in one statement; `[]` for an unknown instance. A row that
 * does not parse is a permanent error naming the event — unlike the fetch path there is no
 * lock to keep.
 */
export function prepareReadHistory(ctx: StatementContext): ReadHistory {
  const history = table(ctx, 'history');
  const sql = `
    SELECT h.execution_id, h.event_id, h.event_data FROM ${history} h
    WHERE h.instance_id = $1 AND h.execution_id = COALESCE($2::bigint,
      (SELECT MAX(execution_id) FROM ${table(ctx, 'executions')} WHERE instance_id = $1),
      (SELECT MAX(execution_id) FROM ${history} WHERE instance_id = $1))
    ORDER BY h.event_id`;
  return async (db, instanceId, requested) => {
    const { rows } = await db.query<{ execution_id: number; event_id: number; event_data: string }>(
      sql,
      [instanceId, requested ?? null],
    );
    return rows.map((row) =>
      readStoredEvent(instanceId, row.execution_id, row.event_id, row.event_data),
    );
  };
}
