import { toOrchestrationStats, toQueueDepths, } from '../../shared/metrics-rows.js';
import { table } from './statement-context.js';
/** A queue row nobody holds: never locked, or its lock expired. */
const UNLOCKED = '(lock_token IS NULL OR locked_until <= $1)';
/**
 * Each read is one statement, so its numbers come from a single snapshot and add up. An
 * instance whose current execution row is missing counts as `Running`, as `getInstance`
 * reports it.
 */
export function prepareSystemMetricsReads(ctx) {
    const queue = table(ctx, 'orchestrator_queue');
    const history = table(ctx, 'history');
    const metricsSql = `
    SELECT COUNT(*) AS total,
           COUNT(*) FILTER (WHERE COALESCE(e.status, 'Running') = 'Running') AS running,
           COUNT(*) FILTER (WHERE e.status = 'Completed') AS completed,
           COUNT(*) FILTER (WHERE e.status = 'Failed') AS failed,
           (SELECT COUNT(*) FROM ${table(ctx, 'executions')}) AS executions,
           (SELECT COUNT(*) FROM ${history}) AS events
    FROM ${table(ctx, 'instances')} i
    LEFT JOIN ${table(ctx, 'executions')} e ON e.instance_id = i.instance_id AND e.execution_id = i.current_execution_id`;
    const depthsSql = `
    SELECT (SELECT COUNT(*) FROM ${queue} WHERE ${UNLOCKED}) AS orchestrator,
           (SELECT COUNT(*) FROM ${table(ctx, 'worker_queue')} WHERE ${UNLOCKED}) AS worker,
           (SELECT COUNT(*) FROM ${queue} WHERE item_type = 'TimerFired' AND visible_at > $1 AND ${UNLOCKED}) AS timer`;
    // The merged KV view (as getKvAllValues): store rows not overridden, plus live delta rows.
    const statsSql = `
    WITH merged_kv AS (
      SELECT s.value FROM ${table(ctx, 'kv_store')} s
      WHERE s.instance_id = $1
        AND NOT EXISTS (SELECT 1 FROM ${table(ctx, 'kv_delta')} d WHERE d.instance_id = $1 AND d.key = s.key)
      UNION ALL
      SELECT d.value FROM ${table(ctx, 'kv_delta')} d WHERE d.instance_id = $1 AND d.value IS NOT NULL)
    SELECT (SELECT COUNT(*) FROM ${history} h
            WHERE h.instance_id = i.instance_id AND h.execution_id = i.current_execution_id) AS events,
           (SELECT COALESCE(SUM(octet_length(h.event_data)), 0) FROM ${history} h
            WHERE h.instance_id = i.instance_id AND h.execution_id = i.current_execution_id) AS bytes,
           (SELECT COUNT(*) FROM ${queue} q WHERE q.instance_id = i.instance_id) AS pending,
           (SELECT COUNT(*) FROM merged_kv) AS kv_keys,
           (SELECT COALESCE(SUM(octet_length(value)), 0) FROM merged_kv) AS kv_bytes
    FROM ${table(ctx, 'instances')} i WHERE i.instance_id = $1`;
    return {
        async getSystemMetrics(db) {
            const row = (await db.query(metricsSql)).rows[0];
            return {
                totalInstances: row?.total ?? 0,
                totalExecutions: row?.executions ?? 0,
                runningInstances: row?.running ?? 0,
                completedInstances: row?.completed ?? 0,
                failedInstances: row?.failed ?? 0,
                totalEvents: row?.events ?? 0,
            };
        },
        async getQueueDepths(db, now) {
            return toQueueDepths((await db.query(depthsSql, [now])).rows[0]);
        },
        async getOrchestrationStats(db, instanceId) {
            const row = (await db.query(statsSql, [instanceId])).rows[0];
            return row === undefined ? null : toOrchestrationStats(row);
        },
    };
}
//# sourceMappingURL=read-system-metrics.js.map