/**
 * KV writes of an orchestration ack: recording the turn's KV events in `kv_delta`, merging
 * the delta into `kv_store` when the execution completes or continues as new, and dropping a Failed execution's delta when a new execution starts
 * (docs/versioning.md, "Recovering after a bad deploy").
 * @module
 */
import type Database from 'better-sqlite3';
import type { HistoryEvent } from '../../../core/history/history-event.js';

export interface KvDeltaWrites {
  /**
   * Applies the KV events of `historyDelta`, in order, to the instance's delta. Other events
   * are ignored. Runs inside the caller's (ack) transaction.
   */
  applyEvents(instanceId: string, historyDelta: readonly HistoryEvent[], now: number): void;
  /**
   * Folds the delta into the store (values upserted with their timestamps, tombstoned keys
   * deleted) and empties it. Runs inside the caller's (ack) transaction.
   */
  mergeIntoStore(instanceId: string): void;
  /**
   * Empties the delta without merging it: a Failed execution's changes, when an ack starts
   * a new execution of the instance. Runs inside the caller's (ack) transaction.
   */
  discardDelta(instanceId: string): void;
}

/**
 * The delta is keyed by instance only: it always belongs to the current execution, because
 * an execution that completes or continues as new merges and clears it in the same
 * transaction that records the end, a Failed one keeps it only until a new execution starts
 * (which discards it), and the instance lock serializes acks.
 */
export function prepareKvDeltaWrites(db: Database.Database): KvDeltaWrites {
  type Key = { instanceId: string; key: string };
  const upsertValue = db.prepare<Key & { value: string; lastUpdatedAt: number }>(
    `INSERT INTO kv_delta (instance_id, key, value, last_updated_at)
     VALUES (@instanceId, @key, @value, @lastUpdatedAt)
     ON CONFLICT (instance_id, key) DO UPDATE SET value = excluded.value, last_updated_at = excluded.last_updated_at`,
  );
  const upsertTombstone = db.prepare<Key & { now: number }>(
    `INSERT INTO kv_delta (instance_id, key, value, last_updated_at)
     VALUES (@instanceId, @key, NULL, @now)
     ON CONFLICT (instance_id, key) DO UPDATE SET value = NULL, last_updated_at = excluded.last_updated_at`,
  );
  const tombstoneDelta = db.prepare<{ instanceId: string; now: number }>(
    'UPDATE kv_delta SET value = NULL, last_updated_at = @now WHERE instance_id = @instanceId',
  );
  // Keys merged by earlier executions must be hidden too; the WHERE keeps SQLite's parser from
  // reading ON CONFLICT as a join constraint.
  const tombstoneStoreKeys = db.prepare<{ instanceId: string; now: number }>(
    `INSERT INTO kv_delta (instance_id, key, value, last_updated_at)
     SELECT instance_id, key, NULL, @now FROM kv_store WHERE instance_id = @instanceId
     ON CONFLICT (instance_id, key) DO NOTHING`,
  );
  const mergeValues = db.prepare<{ instanceId: string }>(
    `INSERT INTO kv_store (instance_id, key, value, last_updated_at)
     SELECT instance_id, key, value, last_updated_at FROM kv_delta
     WHERE instance_id = @instanceId AND value IS NOT NULL
     ON CONFLICT (instance_id, key) DO UPDATE SET value = excluded.value, last_updated_at = excluded.last_updated_at`,
  );
  const deleteTombstoned = db.prepare<{ instanceId: string }>(
    `DELETE FROM kv_store
     WHERE instance_id = @instanceId
       AND key IN (SELECT key FROM kv_delta WHERE instance_id = @instanceId AND value IS NULL)`,
  );
  const clearDelta = db.prepare<{ instanceId: string }>(
    'DELETE FROM kv_delta WHERE instance_id = @instanceId',
  );
  const hasDelta = db.prepare<{ instanceId: string }, { one: number }>(
    'SELECT 1 AS one FROM kv_delta WHERE instance_id = @instanceId LIMIT 1',
  );

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
      // Most executions write no KV: one read instead of three writes that would change nothing.
      if (hasDelta.get({ instanceId }) === undefined) return;
      mergeValues.run({ instanceId });
      deleteTombstoned.run({ instanceId });
      clearDelta.run({ instanceId });
    },
    discardDelta(instanceId) {
      clearDelta.run({ instanceId });
    },
  };
}
