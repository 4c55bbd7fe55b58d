/**
 * `enqueueForOrchestrator`: a client-side insert into an instance's orchestrator queue.
 * @module
 */
import type { WorkItem } from '../../../core/history/work-item.js';
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
/** Enqueues `item`; returns the `visible_at` it got. */
export type EnqueueForOrchestrator = (db: Queryable, item: WorkItem, delayMs: number | undefined, now: number) => Promise<number>;
/**
 * `TimerFired` becomes visible at its `fireAt` (the delay is ignored for timers); everything
 * else at `now + delayMs`. One statement: the INSERT and the NOTIFY commit together. Never
 * creates instance rows.
 */
export declare function prepareEnqueueForOrchestrator(ctx: StatementContext): EnqueueForOrchestrator;
