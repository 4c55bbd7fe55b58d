import { table } from './statement-context.js';
/**
 * The merged view: a current-execution `kv_delta` row wins (a NULL tombstone means "cleared"),
 * else the `kv_store` row. Each read is one statement, so it sees one snapshot.
 */
export function prepareKvReads(ctx) {
    const store = table(ctx, 'kv_store');
    const delta = table(ctx, 'kv_delta');
    const valueSql = `
    SELECT d.key IS NOT NULL AS in_delta, d.value AS delta_value, s.value AS store_value
    FROM (SELECT 1) one
    LEFT JOIN ${delta} d ON d.instance_id = $1 AND d.key = $2
    LEFT JOIN ${store} s ON s.instance_id = $1 AND s.key = $2`;
    const allSql = `
    SELECT s.key, s.value FROM ${store} s
    WHERE s.instance_id = $1 AND NOT EXISTS (SELECT 1 FROM ${delta} d WHERE d.instance_id = $1 AND d.key = s.key)
    UNION ALL
    SELECT d.key, d.value FROM ${delta} d WHERE d.instance_id = $1 AND d.value IS NOT NULL
    ORDER BY 1`;
    const snapshotSql = `SELECT key, value, last_updated_at_ms FROM ${store} WHERE instance_id = $1 ORDER BY key`;
    return {
        async getKvValue(db, instanceId, key) {
            const row = (await db.query(valueSql, [instanceId, key])).rows[0];
            if (row === undefined)
                return null;
            return row.in_delta ? row.delta_value : row.store_value;
        },
        async getKvAllValues(db, instanceId) {
            const { rows } = await db.query(allSql, [instanceId]);
            return new Map(rows.map((r) => [r.key, r.value]));
        },
        async readKvSnapshot(db, instanceId) {
            const { rows } = await db.query(snapshotSql, [instanceId]);
            return new Map(rows.map((r) => [r.key, { value: r.value, lastUpdatedAt: Number(r.last_updated_at_ms) }]));
        },
    };
}
//# sourceMappingURL=read-kv.js.map