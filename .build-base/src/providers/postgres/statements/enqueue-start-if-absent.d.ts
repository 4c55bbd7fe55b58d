/**
 * `enqueueStartIfAbsent`: a client's start, refused when the instance already exists.
 * @module
 */
import type { WorkItemOfType } from '../../../core/history/work-item.js';
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
/** Returns the `visible_at` of the queued start, or undefined when the instance exists. */
export type EnqueueStartIfAbsent = (db: Queryable, item: WorkItemOfType<'StartOrchestration'>, now: number) => Promise<number | undefined>;
/**
 * One call of the schema's `enqueue_start_if_absent` function (migration 0002): an advisory
 * lock per instance id, the existence check, the insert and the NOTIFY in one round trip.
 */
export declare function prepareEnqueueStartIfAbsent(ctx: StatementContext): EnqueueStartIfAbsent;
