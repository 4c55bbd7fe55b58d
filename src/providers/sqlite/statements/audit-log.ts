/**
 * `appendAudit` and `listAudit`: the operator audit log (migration 0005).
 * @module
 */
import type Database from 'better-sqlite3';
import { InvalidInputError } from '../../../core/errors/duroxide-error.js';
import type { AuditEntryInput, AuditQuery, AuditRecord } from '../../provider.js';
import { type AuditRow, toAuditRecord } from '../../shared/fleet-rows.js';

/** Largest page of `listAudit`. */
const MAX_AUDIT_LIMIT = 1000;

export interface AuditLog {
  /** Inserts one entry; callers wrap it in their transaction when it goes with another write. */
  append(entry: AuditEntryInput): void;
  list(query: AuditQuery): AuditRecord[];
}

/** Rejects a page size outside 1–{@link MAX_AUDIT_LIMIT} before anything is read. */
function validateAuditLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_LIMIT) {
    throw new InvalidInputError(
      `audit limit must be an integer from 1 to ${MAX_AUDIT_LIMIT}, got ${String(limit)}`,
    );
  }
}

/**
 * Newest first by id (ids only grow), optionally one target's entries (`idx_audit_log_target`)
 * and only ids below `beforeId` (keyset paging: pass the last id of the previous page).
 */
export function prepareAuditLog(db: Database.Database): AuditLog {
  const insert = db.prepare<{
    at: number;
    actor: string | null;
    action: string;
    target: string;
    reason: string | null;
    details: string;
  }>(
    `INSERT INTO audit_log (at, actor, action, target, reason, details)
     VALUES (@at, @actor, @action, @target, @reason, @details)`,
  );
  // Two texts, so the one with a target can use idx_audit_log_target (an `IS NULL OR` test
  // would keep SQLite from it).
  const selectAll = db.prepare<{ beforeId: number | null; limit: number }, AuditRow>(
    `SELECT id, at, actor, action, target, reason, details FROM audit_log
     WHERE (@beforeId IS NULL OR id < @beforeId) ORDER BY id DESC LIMIT @limit`,
  );
  const selectTarget = db.prepare<{ target: string; beforeId: number; limit: number }, AuditRow>(
    `SELECT id, at, actor, action, target, reason, details FROM audit_log
     WHERE target = @target AND id < @beforeId ORDER BY id DESC LIMIT @limit`,
  );
  return {
    append(entry) {
      insert.run({
        at: entry.at,
        actor: entry.actor ?? null,
        action: entry.action,
        target: entry.target,
        reason: entry.reason ?? null,
        details: entry.details,
      });
    },
    list(query) {
      validateAuditLimit(query.limit);
      const { target, beforeId, limit } = query;
      const rows =
        target === undefined
          ? selectAll.all({ beforeId: beforeId ?? null, limit })
          : selectTarget.all({ target, beforeId: beforeId ?? Number.MAX_SAFE_INTEGER, limit });
      return rows.map(toAuditRecord);
    },
  };
}
