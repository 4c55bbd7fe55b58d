/**
 * The tree is one recursive query over `idx_instances_parent`. `UNION` (not `UNION ALL`)
 * queues each id at most once, so even corrupt data with a parent cycle cannot loop; without
 * an ORDER BY SQLite extracts the queue FIFO, which yields breadth-first order, root first.
 */
export function prepareInstanceTreeReads(db) {
    const selectTree = db
        .prepare(`WITH RECURSIVE tree (instance_id) AS (
         SELECT instance_id FROM instances WHERE instance_id = @instanceId
         UNION
         SELECT c.instance_id FROM instances c JOIN tree t ON c.parent_instance_id = t.instance_id
       )
       SELECT instance_id FROM tree`)
        .pluck();
    return {
        getInstanceTree(instanceId) {
            return selectTree.all({ instanceId });
        },
    };
}
//# sourceMappingURL=read-instance-tree.js.map