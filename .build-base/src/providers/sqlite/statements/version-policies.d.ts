/**
 * `setVersionPolicy`, `getVersionPolicy`, `listVersionPolicies`: the fleet's stored version
 * policies (migration 0005).
 * @module
 */
import type Database from 'better-sqlite3';
import type { AuditEntryInput, StoredVersionPolicy, VersionPolicyRecord } from '../../provider.js';
import type { AuditLog } from './audit-log.js';
export interface VersionPolicies {
    set(orchestrationName: string, policy: StoredVersionPolicy | null, audit: AuditEntryInput): VersionPolicyRecord | null;
    get(orchestrationName: string): VersionPolicyRecord | null;
    list(): VersionPolicyRecord[];
}
/**
 * Setting and clearing both upsert the name's row (clearing stores a NULL policy), so the
 * revision counts every change, clearing included; the audit entry is written in the same
 * `BEGIN IMMEDIATE` transaction. The change's time, actor and reason are the audit entry's.
 */
export declare function prepareVersionPolicies(db: Database.Database, audit: AuditLog): VersionPolicies;
