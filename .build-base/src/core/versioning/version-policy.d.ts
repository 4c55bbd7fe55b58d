/** A version policy as stored per orchestration name and shared by every node. */
export type StoredVersionPolicy = 
/** The highest release every live node registers (the default). */
{
    readonly kind: 'latest';
}
/** Always this version; `allowDowngrade` lets continue-as-new move instances down to it. */
 | {
    readonly kind: 'pinned';
    readonly version: string;
    readonly allowDowngrade?: boolean | undefined;
}
/**
 * Canary: `percent` of instances (chosen deterministically from the instance id) run `to`,
 * the rest `from`.
 */
 | {
    readonly kind: 'ramp';
    readonly from: string;
    readonly to: string;
    readonly percent: number;
};
/** What resolution needs to know about one live node that registers the name. */
export interface NodeVersions {
    /** Versions of the name the node registers. */
    readonly versions: readonly string[];
    /** The node's in-code default policy for the name (`runtime.setVersionPolicy`), if any. */
    readonly defaultPolicy?: StoredVersionPolicy | undefined;
}
export interface VersionResolutionInput {
    /** The policy stored in the provider for the name, if any. */
    readonly storedPolicy: StoredVersionPolicy | undefined;
    /** Every live node that registers at least one version of the name (the caller included). */
    readonly nodes: readonly NodeVersions[];
    /** Id of the instance the new execution belongs to (ramp buckets). */
    readonly instanceId: string;
    /** For a continue-as-new: the version of the execution that is ending. */
    readonly currentVersion?: string | undefined;
}
export interface VersionResolution {
    /** The version, or undefined when nothing is registered anywhere and no policy names one. */
    readonly version: string | undefined;
    /** Which rule decided it, for logs and the audit trail. */
    readonly rule: 'pinned' | 'ramp' | 'latest' | 'kept-current';
}
/**
 * The bucket (0–99) of an instance id for ramps: FNV-1a over the id's UTF-16 code units, so
 * every node (and a retry) puts an instance in the same bucket.
 */
export declare function rampBucket(instanceId: string): number;
/**
 * "latest" for a fleet: the highest release that EVERY live node registering the name
 * registers, so a rolling deploy promotes a new version only once no old node is left.
 * Pre-releases count only when no release is registered at all. When the nodes share no
 * version (each runs different code), the highest version any of them registers.
 */
export declare function fleetLatest(nodes: readonly NodeVersions[]): string | undefined;
/** The policy that applies when none is stored: the live nodes' common in-code default, else latest. */
export declare function effectivePolicy(stored: StoredVersionPolicy | undefined, nodes: readonly NodeVersions[]): StoredVersionPolicy;
/**
 * The version of a new execution (start, sub-orchestration, detached start, continue-as-new
 * without an explicit version). Decided once by the node that creates the work and recorded on
 * the work item; never re-resolved by the node that runs it.
 *
 * A continue-as-new never moves to a version below the current one, unless the policy is
 * `pinned` with `allowDowngrade`.
 */
export declare function resolveExecutionVersion(input: VersionResolutionInput): VersionResolution;
/**
 * Checks the shape of a policy (from user input or storage); returns a sentence naming the
 * problem, or undefined when it is valid.
 */
export declare function describePolicyProblem(policy: unknown): string | undefined;
