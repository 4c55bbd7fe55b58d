/**
 * What the management operations of both providers (deletion, pruning) share besides SQL:
 * their defaults, their refusals, and how a bulk prune adds up.
 * @module
 */
import { InstanceNotFoundError, InstanceStillRunningError, InstanceTreeChangedError, } from '../../core/errors/duroxide-error.js';
/** Default number of instances one `deleteInstanceBulk` or `pruneExecutionsBulk` call handles. */
export const DEFAULT_BULK_LIMIT = 1000;
/** `deleteInstances` without force refuses a running instance. */
export function instanceStillRunningError(instanceId) {
    return new InstanceStillRunningError(instanceId, `instance '${instanceId}' is still running, so nothing was deleted; cancel it and wait for it to ` +
        'finish, or delete with force (its in-flight work is then abandoned)');
}
/** A child created after the caller read the tree would be orphaned by the deletion. */
export function childOutsideDeletionError(instanceId, parentInstanceId) {
    return new InstanceTreeChangedError(instanceId, parentInstanceId);
}
export function emptyPruneTotals() {
    return { instancesProcessed: 0, executionsDeleted: 0, eventsDeleted: 0 };
}
/** Adds one instance's prune; `undefined` (see {@link skipIfDeleted}) adds nothing. */
export function addPruneResult(total, result) {
    if (result === undefined)
        return;
    total.instancesProcessed += result.instancesProcessed;
    total.executionsDeleted += result.executionsDeleted;
    total.eventsDeleted += result.eventsDeleted;
}
/**
 * For a bulk prune: an instance deleted since it was selected is skipped (`undefined`); any
 * other failure is rethrown.
 */
export function skipIfDeleted(error) {
    if (error instanceof InstanceNotFoundError)
        return undefined;
    throw error;
}
/** The result of a deletion that found nothing to delete. */
export const NOTHING_DELETED = {
    instancesDeleted: 0,
    executionsDeleted: 0,
    eventsDeleted: 0,
    queueMessagesDeleted: 0,
};
//# sourceMappingURL=management-results.js.map