import { table } from './statement-context.js';
/**
 * The tree is one recursive query over `idx_instances_parent`. `UNION` (not `UNION ALL`) keeps
 * each id once, so even corrupt data with a parent cycle cannot loop; the recursion depth is
 * carried along and ordered on, which yields breadth-first order, root first.
 */
export function prepareInstanceTreeReads(ctx) {
    const instances = table(ctx, 'instances');
    const treeSql = `
    WITH RECURSIVE tree (instance_id, depth, created_at) AS (
      SELECT instance_id, 0, created_at FROM ${instances} WHERE instance_id = $1
      UNION
      SELECT c.instance_id, t.depth + 1, c.created_at
      FROM ${instances} c JOIN tree t ON c.parent_instance_id = t.instance_id
      WHERE t.depth < 10000)
    SELECT instance_id FROM tree GROUP BY instance_id ORDER BY MIN(depth), MIN(created_at), instance_id`;
    return {
        async getInstanceTree(db, instanceId) {
            return (await db.query(treeSql, [instanceId])).rows.map((r) => r.instance_id);
        },
    };
}
//# sourceMappingURL=read-instance-tree.js.map