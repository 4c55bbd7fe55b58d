/**
 * `queryInstances` and `countInstances`: the filtered, paged instance query behind the
 * management API and UI.
 * @module
 */
import type Database from 'better-sqlite3';
import type { InstanceCount, InstanceCountGroupBy, InstanceQuery, InstanceQueryFilter, InstanceRecordPage } from '../../provider.js';
export interface InstanceQueries {
    queryInstances(query: InstanceQuery): InstanceRecordPage;
    countInstances(filter: InstanceQueryFilter, groupBy: InstanceCountGroupBy): InstanceCount[];
}
/**
 * The conditions and paging are planned by `shared/instance-query-plan.ts`; each combination
 * of criteria gets its own SQL text (cached), so SQLite's planner can pick the index that fits:
 * `created_at` for the page order, name/version/updated/parent/status indexes for selective
 * filters (migration 0003).
 */
export declare function prepareInstanceQueries(db: Database.Database): InstanceQueries;
