import type { TurnResult } from '../../core/replay/turn-result.js';
import type { ExecutionMetadata } from '../../providers/provider.js';
import type { FleetView, SelfNode } from '../../client/fleet-view.js';
/** What the instance row says about version targets (from the fetched item). */
export interface InstanceVersionTargets {
    readonly versionPin: string | undefined;
    readonly nextVersion: string | undefined;
}
/** Metadata the stamping adds to the turn's ack. */
export type VersionMetadata = Pick<ExecutionMetadata, 'versionPin' | 'consumedNextVersion'>;
export interface VersionDecider {
    readonly fleet: FleetView;
    readonly self: SelfNode;
}
/**
 * Fills in the version of every new execution in `result.orchestratorItems` (in place) and
 * returns the pin changes to commit with the turn.
 */
export declare function stampVersions(decider: VersionDecider, result: TurnResult, currentVersion: string, targets: InstanceVersionTargets): Promise<VersionMetadata>;
