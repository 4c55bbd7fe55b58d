import type { AuditEntryInput, AuditQuery, AuditRecord } from '../../provider.js';
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
export interface AuditLog {
    append(db: Queryable, entry: AuditEntryInput): Promise<void>;
    list(db: Queryable, query: AuditQuery): Promise<AuditRecord[]>;
}
/** The six values of an audit row, in `AUDIT_COLUMNS` order, for a statement's parameters. */
export declare function auditValues(entry: AuditEntryInput): unknown[];
export declare const AUDIT_COLUMNS = "at, actor, action, target, reason, details";
/**
 * Newest first by id (identity values only grow), optionally one target's entries
 * (`idx_audit_log_target`) and only ids below `beforeId` (keyset paging).
 */
export declare function prepareAuditLog(ctx: StatementContext): AuditLog;
