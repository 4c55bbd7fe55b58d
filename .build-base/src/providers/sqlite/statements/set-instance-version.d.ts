/**
 * `setInstanceVersion`: an operator changes one instance's sticky pin and/or next-version
 * request (migration 0005).
 * @module
 */
import type Database from 'better-sqlite3';
import type { AuditEntryInput, InstanceVersionChange } from '../../provider.js';
import type { AuditLog } from './audit-log.js';
export type SetInstanceVersion = (instanceId: string, change: InstanceVersionChange, audit: AuditEntryInput) => boolean;
/**
 * One `BEGIN IMMEDIATE` transaction: update the instance row (a field absent from the change
 * keeps its value, null clears it), then — only when the row exists — append the audit
 * entry. `updated_at` is left alone: it tracks the orchestration's progress, not operators.
 */
export declare function prepareSetInstanceVersion(db: Database.Database, audit: AuditLog): SetInstanceVersion;
