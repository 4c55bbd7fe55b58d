/**
 * Parent side of the process-level tests: one store (a SQLite file in a temp dir, or a fresh
 * schema on the test PostgreSQL server), runtime child processes (`runtime-process.ts`) on it,
 * the parent's own Client, and the children's side-effect logs (in the temp dir). Everything is
 * torn down in `t.after`, children first (SIGKILL if still alive), even when the test fails.
 * @module
 */
import { type ChildProcess } from 'node:child_process';
import type { TestContext } from 'node:test';
import { Client, SqliteProvider, type HistoryEventInfo, type RuntimeOptions } from '../../src/index.js';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';
import { type PostgresServer } from './postgres-cluster.js';
import type { EffectLine } from './runtime-process.js';
import type { StoreKind } from './test-store.js';
export interface SpawnOptions {
    /** How long `Slow` sleeps in this process. */
    readonly slowMs?: number;
    /** How long each `Step` sleeps in this process. */
    readonly stepMs?: number;
    readonly runtimeOptions?: RuntimeOptions;
    /** Timeout of the graceful `runtime.shutdown` the child runs on SIGTERM. */
    readonly shutdownTimeoutMs?: number;
    /** Safety net for the 'ready' message. */
    readonly readyTimeoutMs?: number;
}
export interface ExitInfo {
    readonly code: number | null;
    readonly signal: NodeJS.Signals | null;
}
export declare class RuntimeChild {
    #private;
    readonly name: string;
    readonly logFile: string;
    readonly process: ChildProcess;
    readonly exited: Promise<ExitInfo>;
    constructor(name: string, logFile: string, child: ChildProcess);
    get isAlive(): boolean;
    get stderr(): string;
    /** Resolves on 'ready'; rejects if the child reports an error, exits, or the timeout passes. */
    waitReady(timeoutMs: number): Promise<void>;
    /** SIGKILL and wait until the process is gone. */
    kill(): Promise<ExitInfo>;
    /** SIGTERM (graceful shutdown); resolves with the child's metrics snapshot once it exited. */
    stop(timeoutMs?: number): Promise<unknown>;
    /** This process's side-effect log. */
    effects(): EffectLine[];
}
/**
 * Parses a side-effect log (missing file = no effects). The child may be appending while we
 * read, so a last line without its newline is incomplete and left for the next read.
 */
export declare function readEffects(file: string): EffectLine[];
/** Where the children and the parent's client store their data. */
type ProcessStore = {
    readonly kind: 'sqlite';
    readonly file: string;
} | {
    readonly kind: 'postgres';
    readonly server: PostgresServer;
    readonly schema: string;
};
export declare class ProcessFixture {
    #private;
    readonly dir: string;
    readonly store: ProcessStore;
    readonly children: RuntimeChild[];
    private constructor();
    /** A fresh temp dir with a SQLite file; cleanup (kill children, close, delete) is registered on `t`. */
    static create(t: TestContext): ProcessFixture;
    /** A fixture on a fresh store of `kind` (a PostgreSQL schema named after `prefix`). */
    static on(t: TestContext, kind: StoreKind, prefix?: string): Promise<ProcessFixture>;
    /** The database file of a SQLite fixture. */
    get dbFile(): string;
    /** The PostgreSQL server of a PostgreSQL fixture. */
    get server(): PostgresServer;
    /** The parent's own provider on the store (opened, and a schema migrated, on first use). */
    provider(): Promise<SqliteProvider | PostgresProvider>;
    /** Runs `fn` at cleanup (last registered first), before the children are killed and the dir removed. */
    defer(fn: () => Promise<void> | void): void;
    /** The parent's own client on the store (opened on first use). */
    client(): Promise<Client>;
    /** Forks a runtime child named `name` on the store and waits for it to be ready. */
    spawn(name: string, options?: SpawnOptions): Promise<RuntimeChild>;
    /** Side effects of every child spawned so far (dead or alive). */
    allEffects(): EffectLine[];
}
/** Counts events of `kind` in a history. */
export declare function countKind(history: readonly HistoryEventInfo[], kind: string): number;
/**
 * The activities whose completion is committed in `history`: for each ActivityCompleted, the
 * name and input of its ActivityScheduled.
 */
export declare function completedActivities(history: readonly HistoryEventInfo[]): {
    name: string;
    input: unknown;
}[];
export {};
