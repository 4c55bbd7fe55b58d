/**
 * The merged view of one instance (`@instanceId`) as `(key, value)` rows: live delta values,
 * plus store values whose key the delta does not mention. Shared with the stats query.
 */
export const MERGED_KV_SQL = `
  SELECT d.key AS key, d.value AS value FROM kv_delta d
  WHERE d.instance_id = @instanceId AND d.value IS NOT NULL
  UNION ALL
  SELECT s.key AS key, s.value AS value FROM kv_store s
  WHERE s.instance_id = @instanceId
    AND NOT EXISTS (SELECT 1 FROM kv_delta d WHERE d.instance_id = s.instance_id AND d.key = s.key)`;
/** Each read is a single statement, so it sees one consistent snapshot of both tables. */
export function prepareKvReads(db) {
    const selectStore = db.prepare('SELECT key, value, last_updated_at FROM kv_store WHERE instance_id = @instanceId ORDER BY key');
    // At most one row; its value is null for a tombstone.
    const selectOne = db.prepare(`SELECT value FROM kv_delta WHERE instance_id = @instanceId AND key = @key
     UNION ALL
     SELECT value FROM kv_store
     WHERE instance_id = @instanceId AND key = @key
       AND NOT EXISTS (SELECT 1 FROM kv_delta WHERE instance_id = @instanceId AND key = @key)`);
    const selectMerged = db.prepare(`${MERGED_KV_SQL} ORDER BY key`);
    return {
        readSnapshot(instanceId) {
            return new Map(selectStore
                .all({ instanceId })
                .map((r) => [r.key, { value: r.value, lastUpdatedAt: r.last_updated_at }]));
        },
        getValue(instanceId, key) {
            return selectOne.get({ instanceId, key })?.value ?? null;
        },
        getAllValues(instanceId) {
            return new Map(selectMerged.all({ instanceId }).map((r) => [r.key, r.value]));
        },
    };
}
//# sourceMappingURL=read-kv.js.map