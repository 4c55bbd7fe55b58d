/**
 * `enqueueStartIfAbsent`: a client's start, refused when the instance already exists.
 * @module
 */
import type Database from 'better-sqlite3';
import { ownTransaction } from './own-transaction.js';
import type { WorkItemOfType } from '../../../core/history/work-item.js';
import { prepareInsertOrchestratorItem } from './insert-orchestrator-item.js';
import { INSTANCE_EXISTS_SQL } from './read-instances.js';

/** Returns the `visible_at` of the queued start, or undefined when the instance exists. */
export type EnqueueStartIfAbsent = (
  item: WorkItemOfType<'StartOrchestration'>,
  now: number,
) => number | undefined;

/**
 * The existence check (an instance row, or a start already queued) and the insert run in one
 * `BEGIN IMMEDIATE` transaction, so writers are serialized and two starts never both succeed.
 */
export function prepareEnqueueStartIfAbsent(db: Database.Database): EnqueueStartIfAbsent {
  const exists = db.prepare<{ instanceId: string }, { found: number }>(INSTANCE_EXISTS_SQL);
  const insert = prepareInsertOrchestratorItem(db);
  const tx = ownTransaction(db, (item: WorkItemOfType<'StartOrchestration'>, now: number) =>
    exists.get({ instanceId: item.instance })?.found === 1 ? undefined : insert(item, now, now),
  );
  return (item, now) => tx(item, now);
}
