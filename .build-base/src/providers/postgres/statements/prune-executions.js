/**
 * `pruneExecutions` and `pruneExecutionsBulk`: deleting old executions of continue-as-new
 * chains.
 * @module
 */
import { InstanceNotFoundError } from '../../../core/errors/duroxide-error.js';
import { addPruneResult, DEFAULT_BULK_LIMIT, emptyPruneTotals, skipIfDeleted, } from '../../shared/management-results.js';
import { table } from './statement-context.js';
/**
 * The current execution is always kept — it is the one the runtime appends to — and so is
 * any `Running` one; KV state is never touched. The instance row is locked first so a
 * concurrent ack moving the current execution cannot interleave.
 */
export function prepareExecutionPruning(ctx) {
    const instances = table(ctx, 'instances');
    const executions = table(ctx, 'executions');
    const lockInstanceSql = `SELECT current_execution_id FROM ${instances} WHERE instance_id = $1 FOR UPDATE`;
    // Newest first: row numbers 1..keepLast are the N highest ids, always kept.
    const selectPrunableSql = `
    SELECT execution_id FROM (
      SELECT execution_id, status, completed_at, ROW_NUMBER() OVER (ORDER BY execution_id DESC) AS rank
      FROM ${executions} WHERE instance_id = $1) e
    WHERE e.execution_id <> $2 AND e.status <> 'Running' AND e.rank > $3
      AND ($4::bigint IS NULL OR (e.completed_at IS NOT NULL AND e.completed_at < $4::bigint))`;
    const deleteHistorySql = `DELETE FROM ${table(ctx, 'history')} WHERE instance_id = $1 AND execution_id = ANY($2::bigint[])`;
    const deleteExecutionsSql = `DELETE FROM ${executions} WHERE instance_id = $1 AND execution_id = ANY($2::bigint[])`;
    async function pruneOne(db, instanceId, options) {
        return db.transaction(async (tx) => {
            const current = (await tx.query(lockInstanceSql, [instanceId])).rows[0];
            if (current === undefined)
                throw new InstanceNotFoundError(instanceId);
            const keepLast = Math.max(options.keepLast ?? 1, 1);
            const prunable = (await tx.query(selectPrunableSql, [
                instanceId,
                current.current_execution_id,
                keepLast,
                options.completedBefore ?? null,
            ])).rows.map((r) => r.execution_id);
            if (prunable.length === 0)
                return { instancesProcessed: 1, executionsDeleted: 0, eventsDeleted: 0 };
            const eventsDeleted = (await tx.query(deleteHistorySql, [instanceId, prunable])).rowCount;
            const executionsDeleted = (await tx.query(deleteExecutionsSql, [instanceId, prunable]))
                .rowCount;
            return { instancesProcessed: 1, executionsDeleted, eventsDeleted };
        });
    }
    /** Instances with at least one execution that a prune could remove. */
    async function selectBulkInstances(db, filter) {
        const executionConditions = [
            'e.instance_id = i.instance_id',
            'e.execution_id <> i.current_execution_id',
            "e.status <> 'Running'",
        ];
        const conditions = [];
        const params = [filter.limit ?? DEFAULT_BULK_LIMIT];
        if (filter.completedBefore !== undefined) {
            params.push(filter.completedBefore);
            executionConditions.push(`e.completed_at < $${params.length}`);
        }
        conditions.push(`EXISTS (SELECT 1 FROM ${executions} e WHERE ${executionConditions.join(' AND ')})`);
        if (filter.instanceIds !== undefined) {
            params.push([...filter.instanceIds]);
            conditions.push(`i.instance_id = ANY($${params.length}::text[])`);
        }
        const { rows } = await db.query(`SELECT i.instance_id FROM ${instances} i WHERE ${conditions.join(' AND ')} ORDER BY i.instance_id LIMIT $1`, params);
        return rows.map((r) => r.instance_id);
    }
    return {
        pruneExecutions: pruneOne,
        async pruneExecutionsBulk(db, filter, options) {
            const total = emptyPruneTotals();
            if (filter.instanceIds !== undefined && filter.instanceIds.length === 0)
                return total;
            for (const instanceId of await selectBulkInstances(db, filter)) {
                addPruneResult(total, await pruneOne(db, instanceId, options).catch(skipIfDeleted));
            }
            return total;
        },
    };
}
//# sourceMappingURL=prune-executions.js.map