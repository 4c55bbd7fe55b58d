/**
 * `heartbeatNode`, `removeNode`, `listNodes`, `pruneNodes`: the node registry (migration 0003).
 * @module
 */
import type { NodeRecord } from '../../provider.js';
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
export interface Nodes {
    heartbeat(db: Queryable, node: NodeRecord): Promise<void>;
    remove(db: Queryable, nodeId: string): Promise<void>;
    list(db: Queryable): Promise<NodeRecord[]>;
    prune(db: Queryable, lastSeenBefore: number): Promise<number>;
}
/** A heartbeat replaces the whole row: a node always announces everything it knows. */
export declare function prepareNodes(ctx: StatementContext): Nodes;
