import { toVersionPolicyRecord } from '../../shared/fleet-rows.js';
const COLUMNS = 'orchestration_name, policy, updated_at, updated_by, reason, revision';
/**
 * Setting and clearing both upsert the name's row (clearing stores a NULL policy), so the
 * revision counts every change, clearing included; the audit entry is written in the same
 * `BEGIN IMMEDIATE` transaction. The change's time, actor and reason are the audit entry's.
 */
export function prepareVersionPolicies(db, audit) {
    const upsert = db.prepare(`INSERT INTO version_policies (${COLUMNS})
     VALUES (@name, @policy, @at, @actor, @reason, 1)
     ON CONFLICT (orchestration_name) DO UPDATE SET
       policy = excluded.policy, updated_at = excluded.updated_at, updated_by = excluded.updated_by,
       reason = excluded.reason, revision = version_policies.revision + 1`);
    const selectOne = db.prepare(`SELECT ${COLUMNS} FROM version_policies WHERE orchestration_name = @name AND policy IS NOT NULL`);
    const selectAll = db.prepare(`SELECT ${COLUMNS} FROM version_policies WHERE policy IS NOT NULL ORDER BY orchestration_name`);
    function get(operation, name) {
        const row = selectOne.get({ name });
        return row === undefined || row.policy === null
            ? null
            : toVersionPolicyRecord(operation, { ...row, policy: row.policy });
    }
    const setTx = db.transaction((name, policy, entry) => {
        upsert.run({
            name,
            policy: policy === null ? null : JSON.stringify(policy),
            at: entry.at,
            actor: entry.actor ?? null,
            reason: entry.reason ?? null,
        });
        audit.append(entry);
        return get('setVersionPolicy', name);
    });
    return {
        set: (name, policy, entry) => setTx.immediate(name, policy, entry),
        get: (name) => get('getVersionPolicy', name),
        list: () => selectAll.all().map((row) => toVersionPolicyRecord('listVersionPolicies', row)),
    };
}
//# sourceMappingURL=version-policies.js.map