/**
 * `appendAudit` and `listAudit`: the operator audit log (migration 0005).
 * @module
 */
import type Database from 'better-sqlite3';
import type { AuditEntryInput, AuditQuery, AuditRecord } from '../../provider.js';
export interface AuditLog {
    /** Inserts one entry; callers wrap it in their transaction when it goes with another write. */
    append(entry: AuditEntryInput): void;
    list(query: AuditQuery): AuditRecord[];
}
/**
 * Newest first by id (ids only grow), optionally one target's entries (`idx_audit_log_target`)
 * and only ids below `beforeId` (keyset paging: pass the last id of the previous page).
 */
export declare function prepareAuditLog(db: Database.Database): AuditLog;
