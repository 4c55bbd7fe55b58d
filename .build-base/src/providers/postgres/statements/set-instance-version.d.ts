/**
 * `setInstanceVersion`: an operator changes one instance's sticky pin and/or next-version
 * request (migration 0003).
 * @module
 */
import type { AuditEntryInput, InstanceVersionChange } from '../../provider.js';
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
export type SetInstanceVersion = (db: Queryable, instanceId: string, change: InstanceVersionChange, audit: AuditEntryInput) => Promise<boolean>;
/**
 * ONE statement: update the instance row (a field absent from the change keeps its value, null
 * clears it) and insert the audit entry only for an updated row, so an unknown instance writes
 * nothing. `updated_at` is left alone: it tracks the orchestration's progress, not operators.
 */
export declare function prepareSetInstanceVersion(ctx: StatementContext): SetInstanceVersion;
