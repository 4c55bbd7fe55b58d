/**
 * `client.deleteInstance`: deletes a root instance with its whole tree in one provider
 * transaction, re-reading the tree when a child appeared meanwhile.
 * @module
 */
import { CannotDeleteSubOrchestrationError, ERROR_CODES, InstanceNotFoundError, InstanceStillRunningError, isDuroxideError, } from '../core/errors/duroxide-error.js';
/**
 * How often the tree is read again when a child appeared between reading it and deleting it
 * (the provider refuses rather than orphan the child).
 */
const DELETE_TREE_ATTEMPTS = 3;
/** Longest parent chain walked to name the root in an error message. */
const MAX_TREE_DEPTH = 100;
function isTreeChangedError(error) {
    return isDuroxideError(error) && error.code === ERROR_CODES.INSTANCE_TREE_CHANGED;
}
export async function deleteInstanceTree(provider, id, force) {
    const instance = await provider.getInstance(id);
    if (instance === null)
        throw new InstanceNotFoundError(id);
    if (instance.parentInstanceId !== undefined &&
        (await provider.getInstance(instance.parentInstanceId)) !== null) {
        const root = await rootOf(provider, instance.parentInstanceId);
        throw new CannotDeleteSubOrchestrationError(id, `instance '${id}' is a sub-orchestration of '${instance.parentInstanceId}' and cannot be deleted on its own; ` +
            `delete its root instance '${root}' instead (that deletes the whole tree)`);
    }
    for (let attempt = 1;; attempt++) {
        const tree = await provider.getInstanceTree(id);
        if (tree.length === 0)
            throw new InstanceNotFoundError(id);
        try {
            const result = await provider.deleteInstances(tree, force);
            // Deleted by someone else between the reads above and this transaction.
            if (result.instancesDeleted === 0)
                throw new InstanceNotFoundError(id);
            return result;
        }
        catch (error) {
            if (isTreeChangedError(error) && attempt < DELETE_TREE_ATTEMPTS)
                continue;
            if (error instanceof InstanceStillRunningError && error.context.instanceId !== id) {
                throw new InstanceStillRunningError(id, `instance '${id}' cannot be deleted: its sub-orchestration '${error.context.instanceId ?? '?'}' is still ` +
                    'running, so nothing was deleted; cancel the instance and wait for it to finish, or delete with force');
            }
            throw error;
        }
    }
}
/** Walks up the parent chain (bounded) to name the root in an error message. */
async function rootOf(provider, instanceId) {
    let current = instanceId;
    for (let depth = 0; depth < MAX_TREE_DEPTH; depth++) {
        const parent = (await provider.getInstance(current))?.parentInstanceId;
        if (parent === undefined || (await provider.getInstance(parent)) === null)
            return current;
        current = parent;
    }
    return current;
}
//# sourceMappingURL=instance-deletion.js.map