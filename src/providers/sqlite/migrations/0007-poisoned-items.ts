/**
 * Migration 0007: quarantine for queue rows a fetch cannot process (docs/reliability.md).
 * IMMUTABLE once released.
 *
 * `poisoned_items` receives, unchanged, an orchestrator or worker queue row that does not decode
 * as a work item, is larger than the fetch's size limit, or whose instance id does not read back
 * as written; the fetch moves it here in its own transaction and goes on with the queue.
 * Operators read it through `listPoisonedItems` (newest first by `id`).
 * @module
 */
import type { Migration } from './migration.js';

export const MIGRATION_0007_POISONED_ITEMS: Migration = {
  version: 7,
  name: 'poisoned-items',
  sql: `
CREATE TABLE poisoned_items (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  queue         TEXT NOT NULL,
  source_id     INTEGER NOT NULL,
  instance_id   TEXT,
  item_type     TEXT,
  work_item     TEXT NOT NULL,
  size_bytes    INTEGER NOT NULL,
  attempt_count INTEGER NOT NULL,
  reason        TEXT NOT NULL,
  enqueued_at   INTEGER NOT NULL,
  poisoned_at   INTEGER NOT NULL
);
`,
};
