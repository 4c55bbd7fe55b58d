/**
 * `setVersionPolicy`, `getVersionPolicy`, `listVersionPolicies`: the fleet's stored version
 * policies (migration 0003).
 * @module
 */
import type { AuditEntryInput, StoredVersionPolicy, VersionPolicyRecord } from '../../provider.js';
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
export interface VersionPolicies {
    set(db: Queryable, name: string, policy: StoredVersionPolicy | null, audit: AuditEntryInput): Promise<VersionPolicyRecord | null>;
    get(db: Queryable, name: string): Promise<VersionPolicyRecord | null>;
    list(db: Queryable): Promise<VersionPolicyRecord[]>;
}
/**
 * Setting and clearing both upsert the name's row (clearing stores a NULL policy), so the
 * revision counts every change, clearing included. The upsert and the audit entry are ONE
 * statement (data-modifying CTE): both or neither, in one round trip. The change's time,
 * actor and reason are the audit entry's.
 */
export declare function prepareVersionPolicies(ctx: StatementContext): VersionPolicies;
