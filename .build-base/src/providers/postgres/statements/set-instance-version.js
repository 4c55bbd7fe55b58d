import { AUDIT_COLUMNS, auditValues } from './audit-log.js';
import { table } from './statement-context.js';
/**
 * ONE statement: update the instance row (a field absent from the change keeps its value, null
 * clears it) and insert the audit entry only for an updated row, so an unknown instance writes
 * nothing. `updated_at` is left alone: it tracks the orchestration's progress, not operators.
 */
export function prepareSetInstanceVersion(ctx) {
    const sql = `
    WITH updated AS (
      UPDATE ${table(ctx, 'instances')}
      SET version_pin = CASE WHEN $2 THEN $3 ELSE version_pin END,
          next_version = CASE WHEN $4 THEN $5 ELSE next_version END
      WHERE instance_id = $1
      RETURNING instance_id),
    audit AS (
      INSERT INTO ${table(ctx, 'audit_log')} (${AUDIT_COLUMNS})
      SELECT $6::BIGINT, $7, $8, $9, $10, $11 FROM updated)
    SELECT COUNT(*)::INTEGER AS n FROM updated`;
    return async (db, instanceId, change, audit) => {
        const { rows } = await db.query(sql, [
            instanceId,
            change.versionPin !== undefined,
            change.versionPin ?? null,
            change.nextVersion !== undefined,
            change.nextVersion ?? null,
            ...auditValues(audit),
        ]);
        return (rows[0]?.n ?? 0) > 0;
    };
}
//# sourceMappingURL=set-instance-version.js.map