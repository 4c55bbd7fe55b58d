/**
 * The orchestration catalog and the upgrades view: per orchestration name, its versions with
 * instance counts by status, the live nodes registering each, the stored policy, stuck
 * instances (non-terminal on a version no live node registers) and whether a version's code
 * is safe to delete (docs/management-api.md "Versions and upgrades").
 * @module
 */
import type { Client } from '../client/client.js';
import type { VersionPolicyInfo } from '../client/fleet-types.js';
interface VersionRow {
    readonly version: string;
    /** Instances whose current execution runs this version, by status. */
    readonly counts: Record<string, number>;
    /** Running + ContinuedAsNew. */
    readonly nonTerminal: number;
    /** Ids of live nodes that register name@version. */
    readonly liveNodes: string[];
    /** Non-terminal instances on a version no live node registers: nothing can run them. */
    readonly isStuck: boolean;
    /** The effective policy names it, or new starts resolve to it. */
    readonly namedByPolicy: boolean;
    /** No non-terminal instance runs it and no policy or new start needs it. */
    readonly isSafeToDeleteCode: boolean;
}
export interface OrchestrationSummary {
    readonly orchestrationName: string;
    readonly policy: VersionPolicyInfo | null;
    readonly versions: VersionRow[];
}
/** Every orchestration name seen in instances, on live nodes or in a stored policy. */
export declare function buildCatalog(client: Client): Promise<OrchestrationSummary[]>;
/** Names with non-terminal instances on more than one version, or stuck instances. */
export declare function buildUpgrades(client: Client): Promise<OrchestrationSummary[]>;
export {};
