/**
 * Writes queue rows straight into a test store, bypassing the provider and the client (to put
 * in what no entry point accepts: undecodable text, oversized items, ill-formed ids).
 * @module
 */
import Database from 'better-sqlite3';
import { adminQuery } from './postgres-cluster.js';
import type { TestStore } from './test-store.js';

export interface RawRow {
  readonly queue: 'orchestrator' | 'worker';
  /** The instance id; on SQLite a Buffer is stored as-is (invalid UTF-8 included). */
  readonly instanceId: string | Buffer;
  readonly itemType?: string;
  readonly text: string;
}

export async function insertRawRow(store: TestStore, row: RawRow): Promise<void> {
  const now = Date.now();
  if (store.kind === 'sqlite') {
    const db = new Database(store.url.slice('sqlite:'.length));
    try {
      db.pragma('busy_timeout = 5000');
      const id =
        typeof row.instanceId === 'string'
          ? row.instanceId
          : `CAST(x'${row.instanceId.toString('hex')}' AS TEXT)`;
      const idSql = typeof row.instanceId === 'string' ? '?' : id;
      const idArgs = typeof row.instanceId === 'string' ? [row.instanceId] : [];
      if (row.queue === 'orchestrator') {
        db.prepare(
          `INSERT INTO orchestrator_queue (instance_id, item_type, work_item, visible_at, created_at)
           VALUES (${idSql}, ?, ?, ?, ?)`,
        ).run(...idArgs, row.itemType ?? 'ExternalRaised', row.text, now, now);
      } else {
        db.prepare(
          `INSERT INTO worker_queue (instance_id, execution_id, activity_id, activity_name, work_item, visible_at, created_at)
           VALUES (${idSql}, 1, 1, 'raw', ?, ?, ?)`,
        ).run(...idArgs, row.text, now, now);
      }
    } finally {
      db.close();
    }
    return;
  }
  const schema = `"${store.schema ?? 'public'}"`;
  const instanceId =
    typeof row.instanceId === 'string' ? row.instanceId : row.instanceId.toString('utf8');
  if (row.queue === 'orchestrator') {
    await adminQuery(
      store.url,
      `INSERT INTO ${schema}.orchestrator_queue (instance_id, item_type, work_item, visible_at, created_at)
       VALUES ($1, $2, $3, $4, $4)`,
      [instanceId, row.itemType ?? 'ExternalRaised', row.text, now],
    );
  } else {
    await adminQuery(
      store.url,
      `INSERT INTO ${schema}.worker_queue (instance_id, execution_id, activity_id, activity_name, work_item, visible_at, created_at)
       VALUES ($1, 1, 1, 'raw', $2, $3, $3)`,
      [instanceId, row.text, now],
    );
  }
}
