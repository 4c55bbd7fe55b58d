/**
 * The delta is keyed by instance only: it always belongs to the current execution, because
 * an execution that completes or continues as new merges and clears it in the same
 * transaction that records the end, a Failed one keeps it only until a new execution starts
 * (which discards it), and the instance lock serializes acks.
 */
export function prepareKvDeltaWrites(db) {
    const upsertValue = db.prepare(`INSERT INTO kv_delta (instance_id, key, value, last_updated_at)
     VALUES (@instanceId, @key, @value, @lastUpdatedAt)
     ON CONFLICT (instance_id, key) DO UPDATE SET value = excluded.value, last_updated_at = excluded.last_updated_at`);
    const upsertTombstone = db.prepare(`INSERT INTO kv_delta (instance_id, key, value, last_updated_at)
     VALUES (@instanceId, @key, NULL, @now)
     ON CONFLICT (instance_id, key) DO UPDATE SET value = NULL, last_updated_at = excluded.last_updated_at`);
    const tombstoneDelta = db.prepare('UPDATE kv_delta SET value = NULL, last_updated_at = @now WHERE instance_id = @instanceId');
    // Keys merged by earlier executions must be hidden too; the WHERE keeps SQLite's parser from
    // reading ON CONFLICT as a join constraint.
    const tombstoneStoreKeys = db.prepare(`INSERT INTO kv_delta (instance_id, key, value, last_updated_at)
     SELECT instance_id, key, NULL, @now FROM kv_store WHERE instance_id = @instanceId
     ON CONFLICT (instance_id, key) DO NOTHING`);
    const mergeValues = db.prepare(`INSERT INTO kv_store (instance_id, key, value, last_updated_at)
     SELECT instance_id, key, value, last_updated_at FROM kv_delta
     WHERE instance_id = @instanceId AND value IS NOT NULL
     ON CONFLICT (instance_id, key) DO UPDATE SET value = excluded.value, last_updated_at = excluded.last_updated_at`);
    const deleteTombstoned = db.prepare(`DELETE FROM kv_store
     WHERE instance_id = @instanceId
       AND key IN (SELECT key FROM kv_delta WHERE instance_id = @instanceId AND value IS NULL)`);
    const clearDelta = db.prepare('DELETE FROM kv_delta WHERE instance_id = @instanceId');
    return {
        applyEvents(instanceId, historyDelta, now) {
            for (const event of historyDelta) {
                switch (event.type) {
                    case 'KeyValueSet':
                        upsertValue.run({
                            instanceId,
                            key: event.key,
                            value: event.value,
                            lastUpdatedAt: event.lastUpdatedAt,
                        });
                        break;
                    case 'KeyValueCleared':
                        upsertTombstone.run({ instanceId, key: event.key, now });
                        break;
                    case 'KeyValuesCleared':
                        tombstoneDelta.run({ instanceId, now });
                        tombstoneStoreKeys.run({ instanceId, now });
                        break;
                    default:
                        break;
                }
            }
        },
        mergeIntoStore(instanceId) {
            mergeValues.run({ instanceId });
            deleteTombstoned.run({ instanceId });
            clearDelta.run({ instanceId });
        },
        discardDelta(instanceId) {
            clearDelta.run({ instanceId });
        },
    };
}
//# sourceMappingURL=write-kv-delta.js.map