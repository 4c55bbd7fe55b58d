import { AUDIT_COLUMNS, auditValues } from './audit-log.js';
import { toVersionPolicyRecord } from '../../shared/fleet-rows.js';
import { table } from './statement-context.js';
const COLUMNS = 'orchestration_name, policy, updated_at, updated_by, reason, revision';
/**
 * Setting and clearing both upsert the name's row (clearing stores a NULL policy), so the
 * revision counts every change, clearing included. The upsert and the audit entry are ONE
 * statement (data-modifying CTE): both or neither, in one round trip. The change's time,
 * actor and reason are the audit entry's.
 */
export function prepareVersionPolicies(ctx) {
    const policies = table(ctx, 'version_policies');
    const setSql = `
    WITH audit AS (
      INSERT INTO ${table(ctx, 'audit_log')} (${AUDIT_COLUMNS}) VALUES ($3, $4, $5, $6, $7, $8))
    INSERT INTO ${policies} AS v (${COLUMNS}) VALUES ($1, $2, $3, $4, $7, 1)
    ON CONFLICT (orchestration_name) DO UPDATE SET
      policy = EXCLUDED.policy, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by,
      reason = EXCLUDED.reason, revision = v.revision + 1
    RETURNING ${COLUMNS}`;
    const getSql = `SELECT ${COLUMNS} FROM ${policies} WHERE orchestration_name = $1 AND policy IS NOT NULL`;
    const listSql = `SELECT ${COLUMNS} FROM ${policies} WHERE policy IS NOT NULL ORDER BY orchestration_name`;
    function toRecord(operation, row) {
        return row === undefined || row.policy === null
            ? null
            : toVersionPolicyRecord(operation, { ...row, policy: row.policy });
    }
    return {
        async set(db, name, policy, audit) {
            const [at, actor, action, target, reason, details] = auditValues(audit);
            const { rows } = await db.query(setSql, [
                name,
                policy === null ? null : JSON.stringify(policy),
                at,
                actor,
                action,
                target,
                reason,
                details,
            ]);
            return toRecord('setVersionPolicy', rows[0]);
        },
        async get(db, name) {
            return toRecord('getVersionPolicy', (await db.query(getSql, [name])).rows[0]);
        },
        async list(db) {
            const { rows } = await db.query(listSql);
            return rows.map((row) => toVersionPolicyRecord('listVersionPolicies', row));
        },
    };
}
//# sourceMappingURL=version-policies.js.map