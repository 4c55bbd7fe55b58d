/**
 * `setVersionPolicy`, `getVersionPolicy`, `listVersionPolicies`: the fleet's stored version
 * policies (migration 0005).
 * @module
 */
import type Database from 'better-sqlite3';
import type { AuditEntryInput, StoredVersionPolicy, VersionPolicyRecord } from '../../provider.js';
import type { AuditLog } from './audit-log.js';
import { toVersionPolicyRecord, type VersionPolicyRow } from '../../shared/fleet-rows.js';

export interface VersionPolicies {
  set(
    orchestrationName: string,
    policy: StoredVersionPolicy | null,
    audit: AuditEntryInput,
  ): VersionPolicyRecord | null;
  get(orchestrationName: string): VersionPolicyRecord | null;
  list(): VersionPolicyRecord[];
}

const COLUMNS = 'orchestration_name, policy, updated_at, updated_by, reason, revision';

/**
 * Setting and clearing both upsert the name's row (clearing stores a NULL policy), so the
 * revision counts every change, clearing included; the audit entry is written in the same
 * `BEGIN IMMEDIATE` transaction. The change's time, actor and reason are the audit entry's.
 */
export function prepareVersionPolicies(db: Database.Database, audit: AuditLog): VersionPolicies {
  const upsert = db.prepare<{
    name: string;
    policy: string | null;
    at: number;
    actor: string | null;
    reason: string | null;
  }>(
    `INSERT INTO version_policies (${COLUMNS})
     VALUES (@name, @policy, @at, @actor, @reason, 1)
     ON CONFLICT (orchestration_name) DO UPDATE SET
       policy = excluded.policy, updated_at = excluded.updated_at, updated_by = excluded.updated_by,
       reason = excluded.reason, revision = version_policies.revision + 1`,
  );
  const selectOne = db.prepare<{ name: string }, VersionPolicyRow>(
    `SELECT ${COLUMNS} FROM version_policies WHERE orchestration_name = @name AND policy IS NOT NULL`,
  );
  const selectAll = db.prepare<[], VersionPolicyRow & { policy: string }>(
    `SELECT ${COLUMNS} FROM version_policies WHERE policy IS NOT NULL ORDER BY orchestration_name`,
  );

  function get(operation: string, name: string): VersionPolicyRecord | null {
    const row = selectOne.get({ name });
    return row === undefined || row.policy === null
      ? null
      : toVersionPolicyRecord(operation, { ...row, policy: row.policy });
  }

  const setTx = db.transaction(
    (name: string, policy: StoredVersionPolicy | null, entry: AuditEntryInput) => {
      upsert.run({
        name,
        policy: policy === null ? null : JSON.stringify(policy),
        at: entry.at,
        actor: entry.actor ?? null,
        reason: entry.reason ?? null,
      });
      audit.append(entry);
      return get('setVersionPolicy', name);
    },
  );

  return {
    set: (name, policy, entry) => setTx.immediate(name, policy, entry),
    get: (name) => get('getVersionPolicy', name),
    list: () => selectAll.all().map((row) => toVersionPolicyRecord('listVersionPolicies', row)),
  };
}
