import { toNodeRecord } from '../../shared/fleet-rows.js';
/** A heartbeat replaces the whole row: a node always announces everything it knows. */
export function prepareNodes(db) {
    const upsert = db.prepare(`INSERT INTO nodes (node_id, host, pid, duroxide_version, history_format, heartbeat_interval_ms, started_at,
                        last_seen_at, orchestrations, activities)
     VALUES (@nodeId, @host, @pid, @duroxideVersion, @historyFormat, @heartbeatIntervalMs, @startedAt,
             @lastSeenAt, @orchestrations, @activities)
     ON CONFLICT (node_id) DO UPDATE SET
       host = excluded.host, pid = excluded.pid, duroxide_version = excluded.duroxide_version,
       history_format = excluded.history_format, heartbeat_interval_ms = excluded.heartbeat_interval_ms,
       started_at = excluded.started_at, last_seen_at = excluded.last_seen_at,
       orchestrations = excluded.orchestrations, activities = excluded.activities`);
    const deleteOne = db.prepare('DELETE FROM nodes WHERE node_id = @nodeId');
    const selectAll = db.prepare('SELECT * FROM nodes ORDER BY node_id');
    const deleteStale = db.prepare('DELETE FROM nodes WHERE last_seen_at < @before');
    return {
        heartbeat(node) {
            upsert.run({
                nodeId: node.nodeId,
                host: node.host,
                pid: node.pid,
                duroxideVersion: node.duroxideVersion,
                historyFormat: node.historyFormat,
                heartbeatIntervalMs: node.heartbeatIntervalMs,
                startedAt: node.startedAt,
                lastSeenAt: node.lastSeenAt,
                orchestrations: JSON.stringify(node.orchestrations),
                activities: JSON.stringify(node.activities),
            });
        },
        remove(nodeId) {
            deleteOne.run({ nodeId });
        },
        list: () => selectAll.all().map((row) => toNodeRecord('listNodes', row)),
        prune: (before) => deleteStale.run({ before }).changes,
    };
}
//# sourceMappingURL=nodes.js.map