/**
 * `queryInstances` and `countInstances`: the filtered, paged instance query behind the
 * management API and UI.
 * @module
 */
import type { InstanceCount, InstanceCountGroupBy, InstanceQuery, InstanceQueryFilter, InstanceRecordPage } from '../../provider.js';
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
export interface InstanceQueries {
    queryInstances(db: Queryable, query: InstanceQuery): Promise<InstanceRecordPage>;
    countInstances(db: Queryable, filter: InstanceQueryFilter, groupBy: InstanceCountGroupBy): Promise<InstanceCount[]>;
}
/**
 * The conditions and paging are planned by `shared/instance-query-plan.ts`; the management
 * indexes of migration 0001 serve them.
 */
export declare function prepareInstanceQueries(ctx: StatementContext): InstanceQueries;
