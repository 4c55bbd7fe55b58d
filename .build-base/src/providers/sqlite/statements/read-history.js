import { readStoredEvent } from '../../shared/history-row.js';
/**
 * Reads the given execution, or the latest one (highest execution id, from `executions`, else
 * from `history`) when omitted; `[]` for an unknown instance. A row that does not parse is a
 * permanent error naming the event — unlike the fetch path there is no lock to keep.
 */
export function prepareReadHistory(db) {
    const selectLatest = db.prepare(`SELECT COALESCE(
       (SELECT MAX(execution_id) FROM executions WHERE instance_id = @instanceId),
       (SELECT MAX(execution_id) FROM history WHERE instance_id = @instanceId)) AS executionId`);
    const selectEvents = db.prepare(`SELECT event_id, event_data FROM history
     WHERE instance_id = @instanceId AND execution_id = @executionId ORDER BY event_id`);
    return (instanceId, requested) => {
        const executionId = requested ?? selectLatest.get({ instanceId })?.executionId ?? null;
        if (executionId === null)
            return [];
        return selectEvents
            .all({ instanceId, executionId })
            .map((row) => readStoredEvent(instanceId, executionId, row.event_id, row.event_data));
    };
}
//# sourceMappingURL=read-history.js.map