import { readStoredEvent } from '../../shared/history-row.js';
import { table } from './statement-context.js';
/**
 * Reads the given execution, or the latest one (highest execution id, from `executions`, else
 * from `history`) when omitted, in one statement; `[]` for an unknown instance. A row that
 * does not parse is a permanent error naming the event — unlike the fetch path there is no
 * lock to keep.
 */
export function prepareReadHistory(ctx) {
    const history = table(ctx, 'history');
    const sql = `
    SELECT h.execution_id, h.event_id, h.event_data FROM ${history} h
    WHERE h.instance_id = $1 AND h.execution_id = COALESCE($2::bigint,
      (SELECT MAX(execution_id) FROM ${table(ctx, 'executions')} WHERE instance_id = $1),
      (SELECT MAX(execution_id) FROM ${history} WHERE instance_id = $1))
    ORDER BY h.event_id`;
    return async (db, instanceId, requested) => {
        const { rows } = await db.query(sql, [instanceId, requested ?? null]);
        return rows.map((row) => readStoredEvent(instanceId, row.execution_id, row.event_id, row.event_data));
    };
}
//# sourceMappingURL=read-history.js.map