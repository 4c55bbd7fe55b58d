/**
 * `heartbeatNode`, `removeNode`, `listNodes`, `pruneNodes`: the node registry (migration 0005).
 * @module
 */
import type Database from 'better-sqlite3';
import type { NodeRecord } from '../../provider.js';
export interface Nodes {
    heartbeat(node: NodeRecord): void;
    remove(nodeId: string): void;
    list(): NodeRecord[];
    prune(lastSeenBefore: number): number;
}
/** A heartbeat replaces the whole row: a node always announces everything it knows. */
export declare function prepareNodes(db: Database.Database): Nodes;
