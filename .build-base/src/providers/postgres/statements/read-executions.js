import { toExecutionRecord } from '../../shared/execution-row.js';
import { table } from './statement-context.js';
/** Reads execution rows; `eventCount` is counted over the execution's history (PK range scan). */
export function prepareExecutionReads(ctx) {
    const executions = table(ctx, 'executions');
    const selectExecutionSql = `
    SELECT e.execution_id, e.orchestration_name, e.orchestration_version, e.status, e.output,
           e.started_at, e.completed_at,
           (SELECT COUNT(*) FROM ${table(ctx, 'history')} h
            WHERE h.instance_id = e.instance_id AND h.execution_id = e.execution_id) AS event_count
    FROM ${executions} e WHERE e.instance_id = $1 AND e.execution_id = $2`;
    const selectIdsSql = `SELECT execution_id FROM ${executions} WHERE instance_id = $1 ORDER BY execution_id`;
    return {
        async getExecution(db, instanceId, executionId) {
            const row = (await db.query(selectExecutionSql, [instanceId, executionId]))
                .rows[0];
            return row === undefined ? null : toExecutionRecord(row);
        },
        async listExecutions(db, instanceId) {
            return (await db.query(selectIdsSql, [instanceId])).rows.map((r) => r.execution_id);
        },
    };
}
//# sourceMappingURL=read-executions.js.map