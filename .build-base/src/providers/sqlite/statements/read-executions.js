import { toExecutionRecord } from '../../shared/execution-row.js';
/** Reads execution rows; `eventCount` is counted over the execution's history (PK range scan). */
export function prepareExecutionReads(db) {
    const selectExecution = db.prepare(`SELECT e.execution_id, e.orchestration_name, e.orchestration_version, e.status, e.output,
            e.started_at, e.completed_at,
            (SELECT COUNT(*) FROM history h
             WHERE h.instance_id = e.instance_id AND h.execution_id = e.execution_id) AS event_count
     FROM executions e WHERE e.instance_id = @instanceId AND e.execution_id = @executionId`);
    const selectIds = db
        .prepare('SELECT execution_id FROM executions WHERE instance_id = @instanceId ORDER BY execution_id')
        .pluck();
    return {
        getExecution(instanceId, executionId) {
            const row = selectExecution.get({ instanceId, executionId });
            return row === undefined ? null : toExecutionRecord(row);
        },
        listExecutions(instanceId) {
            return selectIds.all({ instanceId });
        },
    };
}
//# sourceMappingURL=read-executions.js.map