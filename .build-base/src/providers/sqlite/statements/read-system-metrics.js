import { toOrchestrationStats, toQueueDepths, } from '../../shared/metrics-rows.js';
import { MERGED_KV_SQL } from './read-kv.js';
/** A queue row nobody holds: never locked, or its lock expired. */
const UNLOCKED = '(lock_token IS NULL OR locked_until <= @now)';
/**
 * Each read is one statement (or one read transaction), so its numbers come from a single
 * snapshot and add up. An instance whose current execution row is missing counts as
 * `Running`, as `getInstance` reports it.
 */
export function prepareSystemMetricsReads(db) {
    const selectInstanceCounts = db.prepare(`SELECT COUNT(*) AS total,
            COALESCE(SUM(COALESCE(e.status, 'Running') = 'Running'), 0) AS running,
            COALESCE(SUM(e.status = 'Completed'), 0) AS completed,
            COALESCE(SUM(e.status = 'Failed'), 0) AS failed
     FROM instances i
     LEFT JOIN executions e ON e.instance_id = i.instance_id AND e.execution_id = i.current_execution_id`);
    const selectExecutionCount = db.prepare('SELECT COUNT(*) FROM executions').pluck();
    const selectEventCount = db.prepare('SELECT COUNT(*) FROM history').pluck();
    const selectDepths = db.prepare(`SELECT (SELECT COUNT(*) FROM orchestrator_queue WHERE ${UNLOCKED}) AS orchestrator,
            (SELECT COUNT(*) FROM worker_queue WHERE ${UNLOCKED}) AS worker,
            (SELECT COUNT(*) FROM orchestrator_queue
             WHERE item_type = 'TimerFired' AND visible_at > @now AND ${UNLOCKED}) AS timer`);
    // KV figures come from the merged view (store overlaid with the current execution's delta),
    // which is what the instance's code and clients see.
    const selectStats = db.prepare(`WITH kv AS (${MERGED_KV_SQL})
     SELECT (SELECT COUNT(*) FROM history h
             WHERE h.instance_id = i.instance_id AND h.execution_id = i.current_execution_id) AS events,
            (SELECT COALESCE(SUM(length(CAST(h.event_data AS BLOB))), 0) FROM history h
             WHERE h.instance_id = i.instance_id AND h.execution_id = i.current_execution_id) AS bytes,
            (SELECT COUNT(*) FROM orchestrator_queue q WHERE q.instance_id = i.instance_id) AS pending,
            (SELECT COUNT(*) FROM kv) AS kv_keys,
            (SELECT COALESCE(SUM(length(CAST(kv.value AS BLOB))), 0) FROM kv) AS kv_bytes
     FROM instances i WHERE i.instance_id = @instanceId`);
    // A deferred (read) transaction: the three counts see one snapshot.
    const metricsTx = db.transaction(() => {
        const counts = selectInstanceCounts.get();
        return {
            totalInstances: counts?.total ?? 0,
            totalExecutions: selectExecutionCount.get() ?? 0,
            runningInstances: counts?.running ?? 0,
            completedInstances: counts?.completed ?? 0,
            failedInstances: counts?.failed ?? 0,
            totalEvents: selectEventCount.get() ?? 0,
        };
    });
    return {
        getSystemMetrics() {
            return metricsTx.deferred();
        },
        getQueueDepths(now) {
            return toQueueDepths(selectDepths.get({ now }));
        },
        getOrchestrationStats(instanceId) {
            const row = selectStats.get({ instanceId });
            return row === undefined ? null : toOrchestrationStats(row);
        },
    };
}
//# sourceMappingURL=read-system-metrics.js.map