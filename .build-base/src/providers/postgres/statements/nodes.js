import { toNodeRecord } from '../../shared/fleet-rows.js';
import { table } from './statement-context.js';
const COLUMNS = `node_id, host, pid, duroxide_version, history_format, heartbeat_interval_ms, started_at,
  last_seen_at, orchestrations, activities`;
/** A heartbeat replaces the whole row: a node always announces everything it knows. */
export function prepareNodes(ctx) {
    const nodes = table(ctx, 'nodes');
    const upsertSql = `
    INSERT INTO ${nodes} (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
    ON CONFLICT (node_id) DO UPDATE SET
      host = EXCLUDED.host, pid = EXCLUDED.pid, duroxide_version = EXCLUDED.duroxide_version,
      history_format = EXCLUDED.history_format, heartbeat_interval_ms = EXCLUDED.heartbeat_interval_ms,
      started_at = EXCLUDED.started_at, last_seen_at = EXCLUDED.last_seen_at,
      orchestrations = EXCLUDED.orchestrations, activities = EXCLUDED.activities`;
    return {
        async heartbeat(db, node) {
            await db.query(upsertSql, [
                node.nodeId,
                node.host,
                node.pid,
                node.duroxideVersion,
                node.historyFormat,
                node.heartbeatIntervalMs,
                node.startedAt,
                node.lastSeenAt,
                JSON.stringify(node.orchestrations),
                JSON.stringify(node.activities),
            ], true);
        },
        async remove(db, nodeId) {
            await db.query(`DELETE FROM ${nodes} WHERE node_id = $1`, [nodeId]);
        },
        async list(db) {
            const { rows } = await db.query(`SELECT ${COLUMNS} FROM ${nodes} ORDER BY node_id`);
            return rows.map((row) => toNodeRecord('listNodes', row));
        },
        async prune(db, lastSeenBefore) {
            return (await db.query(`DELETE FROM ${nodes} WHERE last_seen_at < $1`, [lastSeenBefore]))
                .rowCount;
        },
    };
}
//# sourceMappingURL=nodes.js.map