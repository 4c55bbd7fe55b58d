/**
 * `enqueueStartIfAbsent`: a client's start, refused when the instance already exists.
 * @module
 */
import type Database from 'better-sqlite3';
import type { WorkItemOfType } from '../../../core/history/work-item.js';
/** Returns the `visible_at` of the queued start, or undefined when the instance exists. */
export type EnqueueStartIfAbsent = (item: WorkItemOfType<'StartOrchestration'>, now: number) => number | undefined;
/**
 * The existence check (an instance row, or a start already queued) and the insert run in one
 * `BEGIN IMMEDIATE` transaction, so writers are serialized and two starts never both succeed.
 */
export declare function prepareEnqueueStartIfAbsent(db: Database.Database): EnqueueStartIfAbsent;
