/**
 * Opening a better-sqlite3 connection with duroxide's pragmas.
 * @module
 */
import type Database from 'better-sqlite3';
import { ProviderError } from '../../core/errors/duroxide-error.js';
import { loadSqlite } from './load-sqlite.js';
import { MEMORY_LOCATION } from './sqlite-url.js';

/**
 * How long a writer waits for another connection's write lock before failing with
 * `SQLITE_BUSY` (mapped to a retryable `ProviderError`). Transactions here are a few
 * milliseconds long, so 10 s only expires when something is badly stuck.
 */
const BUSY_TIMEOUT_MS = 10_000;

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
export async function openDatabase(location: string): Promise<Database.Database> {
  const Driver = await loadSqlite();
  let db: Database.Database;
  try {
    db = new Driver(location, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    // A path SQLite cannot open at all stays that way however often it is retried.
    if ((error as { code?: unknown } | null)?.code !== 'SQLITE_CANTOPEN') throw error;
    throw new ProviderError(
      'open',
      `cannot open '${location}' as a SQLite database (SQLITE_CANTOPEN): it is a directory, its ` +
        'directory does not exist, or this process may not read and write it; pass the path of a ' +
        'database file in an existing, writable directory',
      false,
      error,
    );
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (location !== MEMORY_LOCATION) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // A bigger page cache and memory-mapped reads (the hot tables are small); temporary sort
      // structures in memory. Checkpoints stay at the default 1,000 pages: larger ones made
      // throughput barely better and put long stalls into the tail latency.
      db.pragma('cache_size = -65536');
      db.pragma('mmap_size = 268435456');
      db.pragma('temp_store = memory');
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
