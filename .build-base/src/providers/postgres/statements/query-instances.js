import { instanceCountKey, instanceFilterConditions, planInstancePage, toInstanceRecordPage, } from '../../shared/instance-query-plan.js';
import { instanceRowSelect } from './read-instances.js';
import { table } from './statement-context.js';
/** Positional parameters; prefix operands are cast to text (their type is not inferred). */
const POSTGRES_DIALECT = {
    placeholder: (n) => `$${n}`,
    text: (p) => `${p}::text`,
    startsWith: (column, p) => `left(${column}, char_length(${p})) = ${p}`,
};
/**
 * The conditions and paging are planned by `shared/instance-query-plan.ts`; the management
 * indexes of migration 0001 serve them.
 */
export function prepareInstanceQueries(ctx) {
    const from = `FROM ${table(ctx, 'instances')} i
    LEFT JOIN ${table(ctx, 'executions')} e ON e.instance_id = i.instance_id AND e.execution_id = i.current_execution_id`;
    return {
        async queryInstances(db, query) {
            const plan = planInstancePage(query, POSTGRES_DIALECT);
            const { rows } = await db.query(`${instanceRowSelect(ctx)} ${plan.where} ORDER BY i.created_at DESC, i.instance_id LIMIT ${plan.limit}`, plan.params);
            return toInstanceRecordPage(rows, query.limit);
        },
        async countInstances(db, filter, groupBy) {
            const key = instanceCountKey(groupBy);
            const c = instanceFilterConditions(filter, POSTGRES_DIALECT);
            const { rows } = await db.query(`SELECT ${key} AS "key", COUNT(*) AS "count" ${from} ${c.where}
         GROUP BY 1 ORDER BY COUNT(*) DESC, ${key} COLLATE "C"`, c.params);
            return rows.map((r) => ({ key: r.key, count: r.count }));
        },
    };
}
//# sourceMappingURL=query-instances.js.map