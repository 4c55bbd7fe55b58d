import { InvalidInputError } from '../../../core/errors/duroxide-error.js';
import { toAuditRecord } from '../../shared/fleet-rows.js';
/** Largest page of `listAudit`. */
const MAX_AUDIT_LIMIT = 1000;
/** Rejects a page size outside 1–{@link MAX_AUDIT_LIMIT} before anything is read. */
function validateAuditLimit(limit) {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_LIMIT) {
        throw new InvalidInputError(`audit limit must be an integer from 1 to ${MAX_AUDIT_LIMIT}, got ${String(limit)}`);
    }
}
/**
 * Newest first by id (ids only grow), optionally one target's entries (`idx_audit_log_target`)
 * and only ids below `beforeId` (keyset paging: pass the last id of the previous page).
 */
export function prepareAuditLog(db) {
    const insert = db.prepare(`INSERT INTO audit_log (at, actor, action, target, reason, details)
     VALUES (@at, @actor, @action, @target, @reason, @details)`);
    // Two texts, so the one with a target can use idx_audit_log_target (an `IS NULL OR` test
    // would keep SQLite from it).
    const selectAll = db.prepare(`SELECT id, at, actor, action, target, reason, details FROM audit_log
     WHERE (@beforeId IS NULL OR id < @beforeId) ORDER BY id DESC LIMIT @limit`);
    const selectTarget = db.prepare(`SELECT id, at, actor, action, target, reason, details FROM audit_log
     WHERE target = @target AND id < @beforeId ORDER BY id DESC LIMIT @limit`);
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
            const rows = target === undefined
                ? selectAll.all({ beforeId: beforeId ?? null, limit })
                : selectTarget.all({ target, beforeId: beforeId ?? Number.MAX_SAFE_INTEGER, limit });
            return rows.map(toAuditRecord);
        },
    };
}
//# sourceMappingURL=audit-log.js.map