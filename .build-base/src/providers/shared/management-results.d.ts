/**
 * What the management operations of both providers (deletion, pruning) share besides SQL:
 * their defaults, their refusals, and how a bulk prune adds up.
 * @module
 */
import { InstanceStillRunningError, InstanceTreeChangedError } from '../../core/errors/duroxide-error.js';
import type { DeleteInstancesResult, PruneExecutionsResult } from '../provider.js';
/** Default number of instances one `deleteInstanceBulk` or `pruneExecutionsBulk` call handles. */
export declare const DEFAULT_BULK_LIMIT = 1000;
/** `deleteInstances` without force refuses a running instance. */
export declare function instanceStillRunningError(instanceId: string): InstanceStillRunningError;
/** A child created after the caller read the tree would be orphaned by the deletion. */
export declare function childOutsideDeletionError(instanceId: string, parentInstanceId: string): InstanceTreeChangedError;
/** The running sum of a bulk prune. */
export interface PruneTotals {
    instancesProcessed: number;
    executionsDeleted: number;
    eventsDeleted: number;
}
export declare function emptyPruneTotals(): PruneTotals;
/** Adds one instance's prune; `undefined` (see {@link skipIfDeleted}) adds nothing. */
export declare function addPruneResult(total: PruneTotals, result: PruneExecutionsResult | undefined): void;
/**
 * For a bulk prune: an instance deleted since it was selected is skipped (`undefined`); any
 * other failure is rethrown.
 */
export declare function skipIfDeleted(error: unknown): undefined;
/** The result of a deletion that found nothing to delete. */
export declare const NOTHING_DELETED: DeleteInstancesResult;
