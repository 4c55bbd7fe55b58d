/**
 * Opening a better-sqlite3 connection with duroxide's pragmas.
 * @module
 */
import Database from 'better-sqlite3';
/**
 * Opens (creating if missing) the database at `location` and applies pragmas.
 *
 * Files use WAL so readers never block the single writer and two processes can share a file.
 * `synchronous = NORMAL` in WAL mode is durable against a process crash (even SIGKILL):
 * committed transactions are in the WAL file, which the OS keeps. It only risks losing the
 * last few commits on power loss / OS crash, which is the usual trade for an embedded queue;
 * callers needing more can run `PRAGMA synchronous = FULL` themselves.
 *
 * In-memory databases skip WAL (there is no file to share). Foreign keys stay off: the
 * provider maintains consistency inside its own transactions.
 */
export declare function openDatabase(location: string): Database.Database;
