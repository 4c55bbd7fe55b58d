import { instanceCountKey, instanceFilterConditions, planInstancePage, toInstanceRecordPage, } from '../../shared/instance-query-plan.js';
import { StatementCache } from '../statement-cache.js';
import { INSTANCE_COLUMNS, INSTANCE_FROM } from './read-instances.js';
/**
 * Named parameters `@p1`, `@p2`… (better-sqlite3 has no numbered ones, and a placeholder may
 * be used twice); SQLite compares text in BINARY (code-point) order, so no cast is needed.
 */
const SQLITE_DIALECT = {
    placeholder: (n) => `@p${n}`,
    text: (p) => p,
    startsWith: (column, p) => `substr(${column}, 1, length(${p})) = ${p}`,
};
/** The `@pN` bindings of positional `params`. */
function named(params) {
    const bindings = {};
    params.forEach((value, i) => {
        bindings[`p${i + 1}`] = value;
    });
    return bindings;
}
/**
 * The conditions and paging are planned by `shared/instance-query-plan.ts`; each combination
 * of criteria gets its own SQL text (cached), so SQLite's planner can pick the index that fits:
 * `created_at` for the page order, name/version/updated/parent/status indexes for selective
 * filters (migration 0003).
 */
export function prepareInstanceQueries(db) {
    const statements = new StatementCache(db);
    return {
        queryInstances(query) {
            const plan = planInstancePage(query, SQLITE_DIALECT);
            const rows = statements
                .get(`SELECT ${INSTANCE_COLUMNS} ${INSTANCE_FROM} ${plan.where}
           ORDER BY i.created_at DESC, i.instance_id LIMIT ${plan.limit}`)
                .all(named(plan.params));
            return toInstanceRecordPage(rows, query.limit);
        },
        countInstances(filter, groupBy) {
            const key = instanceCountKey(groupBy);
            const c = instanceFilterConditions(filter, SQLITE_DIALECT);
            return statements
                .get(`SELECT ${key} AS "key", COUNT(*) AS "count" ${INSTANCE_FROM} ${c.where}
           GROUP BY 1 ORDER BY "count" DESC, "key"`)
                .all(named(c.params));
        },
    };
}
//# sourceMappingURL=query-instances.js.map