/**
 * `enqueueForOrchestrator`: a client-side insert into an instance's orchestrator queue.
 * @module
 */
import type Database from 'better-sqlite3';
import type { WorkItem } from '../../../core/history/work-item.js';
/** Enqueues `item`; returns the `visible_at` it got. */
export type EnqueueForOrchestrator = (item: WorkItem, delayMs: number | undefined, now: number) => number;
/**
 * `TimerFired` becomes visible at its `fireAt` (the delay is ignored for timers); everything
 * else at `now + delayMs`. Never creates instance rows.
 */
export declare function prepareEnqueueForOrchestrator(db: Database.Database): EnqueueForOrchestrator;
