import type { PgCapture, SqliteStep } from './floor-capture.js';
export interface FloorResult {
    readonly seconds: number;
    readonly statements: number;
    readonly commits: number;
    /** Statements whose outcome (row count, or an error) differed from the captured run. */
    readonly diverged: number;
    readonly connections: number;
}
export type PgDriver = 'pg' | 'postgres';
/**
 * Replays captured PostgreSQL commits into schema `to` (already migrated, empty), renaming the
 * captured schema `from` in texts and string parameters (schema, NOTIFY channel, lock keys).
 */
export declare function replayPg(captured: PgCapture, opts: {
    url: string;
    from: string;
    to: string;
    driver: PgDriver;
}): Promise<FloorResult>;
/** Replays captured SQLite steps on the file at `path` (already migrated, empty). */
export declare function replaySqlite(steps: readonly SqliteStep[], path: string): FloorResult;
