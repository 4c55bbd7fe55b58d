/**
 * Migration 0008: indexes for removing quarantined rows (docs/reliability.md). IMMUTABLE once
 * released.
 *
 * - `idx_poisoned_items_instance`: a deleted instance's quarantined rows go with it.
 * - `idx_poisoned_items_poisoned_at`: `prunePoisonedItems` removes the rows quarantined before
 *   a time.
 * @module
 */
import type { Migration } from './migration.js';

export const MIGRATION_0008_POISONED_ITEMS_PRUNING: Migration = {
  version: 8,
  name: 'poisoned-items-pruning',
  sql: `
CREATE INDEX idx_poisoned_items_instance ON poisoned_items (instance_id);
CREATE INDEX idx_poisoned_items_poisoned_at ON poisoned_items (poisoned_at);
`,
};
