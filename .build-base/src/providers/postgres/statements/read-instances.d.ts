/**
 * Instance read model queries: `getInstance`, `instanceExists`, `listInstances`,
 * `listInstancesByStatus`, `getCustomStatus`.
 * @module
 */
import type { ExecutionStatus, InstanceRecord } from '../../provider.js';
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
export interface InstanceReads {
    getInstance(db: Queryable, instanceId: string): Promise<InstanceRecord | null>;
    instanceExists(db: Queryable, instanceId: string): Promise<boolean>;
    listInstances(db: Queryable): Promise<string[]>;
    listInstancesByStatus(db: Queryable, status: ExecutionStatus): Promise<string[]>;
    getCustomStatus(db: Queryable, instanceId: string, lastSeenVersion: number): Promise<{
        value: string | null;
        version: number;
    } | null>;
}
/** The SELECT list and FROM clause producing {@link InstanceRow}s (`i` = instances, `e` = current execution). */
export declare function instanceRowSelect(ctx: StatementContext): string;
/**
 * `status`/`output` come from the instance's *current* execution; newest-first ordering is by
 * creation time with the id as a deterministic tie-break.
 */
export declare function prepareInstanceReads(ctx: StatementContext): InstanceReads;
