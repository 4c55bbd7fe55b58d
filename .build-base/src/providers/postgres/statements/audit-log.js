/**
 * `appendAudit` and `listAudit`: the operator audit log (migration 0003).
 * @module
 */
import { InvalidInputError } from '../../../core/errors/duroxide-error.js';
import { toAuditRecord } from '../../shared/fleet-rows.js';
import { table } from './statement-context.js';
/** Largest page of `listAudit`. */
const MAX_AUDIT_LIMIT = 1000;
/** The six values of an audit row, in `AUDIT_COLUMNS` order, for a statement's parameters. */
export function auditValues(entry) {
    return [
        entry.at,
        entry.actor ?? null,
        entry.action,
        entry.target,
        entry.reason ?? null,
        entry.details,
    ];
}
export const AUDIT_COLUMNS = 'at, actor, action, target, reason, details';
/**
 * Newest first by id (identity values only grow), optionally one target's entries
 * (`idx_audit_log_target`) and only ids below `beforeId` (keyset paging).
 */
export function prepareAuditLog(ctx) {
    const auditLog = table(ctx, 'audit_log');
    const insertSql = `INSERT INTO ${auditLog} (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`;
    const selectAllSql = `SELECT id, ${AUDIT_COLUMNS} FROM ${auditLog}
    WHERE id < $1 ORDER BY id DESC LIMIT $2`;
    const selectTargetSql = `SELECT id, ${AUDIT_COLUMNS} FROM ${auditLog}
    WHERE target = $3 AND id < $1 ORDER BY id DESC LIMIT $2`;
    return {
        async append(db, entry) {
            await db.query(insertSql, auditValues(entry));
        },
        async list(db, query) {
            const { target, beforeId, limit } = query;
            if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_LIMIT) {
                throw new InvalidInputError(`audit limit must be an integer from 1 to ${MAX_AUDIT_LIMIT}, got ${String(limit)}`);
            }
            const before = beforeId ?? Number.MAX_SAFE_INTEGER;
            const { rows } = target === undefined
                ? await db.query(selectAllSql, [before, limit])
                : await db.query(selectTargetSql, [before, limit, target]);
            return rows.map(toAuditRecord);
        },
    };
}
//# sourceMappingURL=audit-log.js.map