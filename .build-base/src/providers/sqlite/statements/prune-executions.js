import { InstanceNotFoundError } from '../../../core/errors/duroxide-error.js';
import { addPruneResult, DEFAULT_BULK_LIMIT, emptyPruneTotals, skipIfDeleted, } from '../../shared/management-results.js';
import { StatementCache } from '../statement-cache.js';
/**
 * The current execution is always kept — it is the one the runtime appends to — and so is
 * any `Running` one; KV state is never touched (values written by a pruned execution live on
 * in the instance's store).
 */
export function prepareExecutionPruning(db) {
    const selectCurrent = db
        .prepare('SELECT current_execution_id FROM instances WHERE instance_id = @instanceId')
        .pluck();
    const selectExecutions = db.prepare(`SELECT execution_id, status, completed_at FROM executions
     WHERE instance_id = @instanceId ORDER BY execution_id DESC`);
    const deleteHistory = db.prepare('DELETE FROM history WHERE instance_id = @instanceId AND execution_id = @executionId');
    const deleteExecution = db.prepare('DELETE FROM executions WHERE instance_id = @instanceId AND execution_id = @executionId');
    const bulkSelects = new StatementCache(db);
    const pruneTx = db.transaction((instanceId, options) => {
        const current = selectCurrent.get({ instanceId });
        if (current === undefined)
            throw new InstanceNotFoundError(instanceId);
        const keepLast = Math.max(options.keepLast ?? 1, 1);
        let executionsDeleted = 0;
        let eventsDeleted = 0;
        // Newest first: the first `keepLast` rows are the N highest ids.
        selectExecutions.all({ instanceId }).forEach((row, index) => {
            const isPrunable = row.execution_id !== current &&
                row.status !== 'Running' &&
                index >= keepLast &&
                (options.completedBefore === undefined ||
                    (row.completed_at !== null && row.completed_at < options.completedBefore));
            if (!isPrunable)
                return;
            eventsDeleted += deleteHistory.run({ instanceId, executionId: row.execution_id }).changes;
            executionsDeleted += deleteExecution.run({
                instanceId,
                executionId: row.execution_id,
            }).changes;
        });
        return { instancesProcessed: 1, executionsDeleted, eventsDeleted };
    });
    /** Instances with at least one execution that a prune could remove. */
    function selectBulkInstances(filter) {
        const executionConditions = [
            'e.instance_id = i.instance_id',
            'e.execution_id <> i.current_execution_id',
            "e.status <> 'Running'",
        ];
        const conditions = [];
        const params = { limit: filter.limit ?? DEFAULT_BULK_LIMIT };
        if (filter.completedBefore !== undefined) {
            executionConditions.push('e.completed_at < @completedBefore');
            params['completedBefore'] = filter.completedBefore;
        }
        conditions.push(`EXISTS (SELECT 1 FROM executions e WHERE ${executionConditions.join(' AND ')})`);
        if (filter.instanceIds !== undefined) {
            conditions.push('i.instance_id IN (SELECT value FROM json_each(@ids))');
            params['ids'] = JSON.stringify(filter.instanceIds);
        }
        return bulkSelects
            .get(`SELECT i.instance_id FROM instances i WHERE ${conditions.join(' AND ')}
         ORDER BY i.instance_id LIMIT @limit`)
            .pluck()
            .all(params);
    }
    return {
        pruneExecutions(instanceId, options) {
            return pruneTx.immediate(instanceId, options);
        },
        pruneExecutionsBulk(filter, options) {
            const total = emptyPruneTotals();
            if (filter.instanceIds !== undefined && filter.instanceIds.length === 0)
                return total;
            for (const instanceId of selectBulkInstances(filter)) {
                let result;
                try {
                    result = pruneTx.immediate(instanceId, options);
                }
                catch (error) {
                    result = skipIfDeleted(error);
                }
                addPruneResult(total, result);
            }
            return total;
        },
    };
}
//# sourceMappingURL=prune-executions.js.map