/**
 * `readHistory`: one execution's events, for clients and tooling (not the hot path).
 * @module
 */
import type { HistoryEvent } from '../../../core/history/history-event.js';
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
export type ReadHistory = (db: Queryable, instanceId: string, executionId: number | undefined) => Promise<HistoryEvent[]>;
/**
 * Reads the given execution, or the latest one (highest execution id, from `executions`, else
 * from `history`) when omitted, in one statement; `[]` for an unknown instance. A row that
 * does not parse is a permanent error naming the event — unlike the fetch path there is no
 * lock to keep.
 */
export declare function prepareReadHistory(ctx: StatementContext): ReadHistory;
