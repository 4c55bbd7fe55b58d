/**
 * `setInstanceVersion`: an operator changes one instance's sticky pin and/or next-version
 * request (migration 0005).
 * @module
 */
import type Database from 'better-sqlite3';
import type { AuditEntryInput, InstanceVersionChange } from '../../provider.js';
import type { AuditLog } from './audit-log.js';

export type SetInstanceVersion = (
  instanceId: string,
  change: InstanceVersionChange,
  audit: AuditEntryInput,
) => boolean;

/**
 * One `BEGIN IMMEDIATE` transaction: update the instance row (a field absent from the change
 * keeps its value, null clears it), then — only when the row exists — append the audit
 * entry. `updated_at` is left alone: it tracks the orchestration's progress, not operators.
 */
export function prepareSetInstanceVersion(
  db: Database.Database,
  audit: AuditLog,
): SetInstanceVersion {
  const update = db.prepare<{
    instanceId: string;
    hasPin: number;
    pin: string | null;
    hasNext: number;
    next: string | null;
  }>(
    `UPDATE instances
     SET version_pin = CASE WHEN @hasPin = 1 THEN @pin ELSE version_pin END,
         next_version = CASE WHEN @hasNext = 1 THEN @next ELSE next_version END
     WHERE instance_id = @instanceId`,
  );
  const tx = db.transaction(
    (instanceId: string, change: InstanceVersionChange, entry: AuditEntryInput): boolean => {
      const changed = update.run({
        instanceId,
        hasPin: change.versionPin === undefined ? 0 : 1,
        pin: change.versionPin ?? null,
        hasNext: change.nextVersion === undefined ? 0 : 1,
        next: change.nextVersion ?? null,
      }).changes;
      if (changed === 0) return false;
      audit.append(entry);
      return true;
    },
  );
  return (instanceId, change, entry) => tx.immediate(instanceId, change, entry);
}
