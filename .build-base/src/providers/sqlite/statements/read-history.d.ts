/**
 * `readHistory`: one execution's events, for clients and tooling (not the hot path).
 * @module
 */
import type Database from 'better-sqlite3';
import type { HistoryEvent } from '../../../core/history/history-event.js';
export type ReadHistory = (instanceId: string, executionId: number | undefined) => HistoryEvent[];
/**
 * Reads the given execution, or the latest one (highest execution id, from `executions`, else
 * from `history`) when omitted; `[]` for an unknown instance. A row that does not parse is a
 * permanent error naming the event — unlike the fetch path there is no lock to keep.
 */
export declare function prepareReadHistory(db: Database.Database): ReadHistory;
