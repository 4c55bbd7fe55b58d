/**
 * What the fleet looks like from the store: the stored version policies and the live nodes
 * with the versions they register. Shared by the Client (versions of client starts) and the
 * Runtime (versions of sub-orchestrations, detached starts and continue-as-new), so every
 * creator of work decides a version by the same rule (docs/versioning.md, "How a version is
 * chosen"; ADR 0005).
 *
 * Reads are cached for `refreshMs`; a view up to twice that old is served while a fresh one
 * loads, so a busy hot path never waits on the store for it.
 * @module
 */
import { type NodeVersions, type StoredVersionPolicy, type VersionResolution } from '../core/versioning/version-policy.js';
import type { NodeRecord, Provider } from '../providers/provider.js';
/** True when the node heartbeated recently enough to count (see {@link NODE_LIVENESS_INTERVALS}). */
export declare function isNodeLive(node: NodeRecord, now: number): boolean;
export interface FleetSnapshot {
    readonly policies: ReadonlyMap<string, StoredVersionPolicy>;
    readonly liveNodes: readonly NodeRecord[];
    readonly loadedAt: number;
}
/** What the calling node registers itself (it counts even before its first heartbeat lands). */
export interface SelfNode {
    readonly nodeId: string;
    versionsOf(name: string): NodeVersions | undefined;
}
export declare class FleetView {
    #private;
    constructor(provider: Provider, refreshMs: number);
    /**
     * The cached view. Younger than `refreshMs`: used as is. Up to twice that: used, and a fresh
     * one loads in the background (a busy node never waits). Older, or none, or `refreshMs` 0:
     * loaded now. So no decision uses a view older than twice `refreshMs`.
     */
    snapshot(): Promise<FleetSnapshot>;
    /** Forgets the cached view (after this process changed a policy). */
    invalidate(): void;
    /**
     * The version a new execution of `name` for `instanceId` gets. `self` is the calling runtime
     * (its registry counts even before its heartbeat is visible); `currentVersion` is set for a
     * continue-as-new (never backwards).
     */
    resolve(name: string, instanceId: string, options?: {
        self?: SelfNode;
        currentVersion?: string;
    }): Promise<VersionResolution>;
}
