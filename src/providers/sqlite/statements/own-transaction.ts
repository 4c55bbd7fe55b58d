/**
 * The transaction of one hot-path operation.
 * @module
 */
import type Database from 'better-sqlite3';

/**
 * Runs `body` in a `BEGIN IMMEDIATE … COMMIT` of its own when called alone. Inside a transaction
 * already open on the connection (the provider's group commit) it runs bare, without a
 * savepoint: the group commit isolates a failing operation itself (../group-commit.ts), and a
 * `SAVEPOINT`/`RELEASE` pair per operation was 13% of the CPU of a loaded SQLite run
 * (docs/performance.md).
 */
export function ownTransaction<A extends unknown[], R>(
  db: Database.Database,
  body: (...args: A) => R,
): (...args: A) => R {
  const tx = db.transaction(body);
  return (...args) => (db.inTransaction ? body(...args) : tx.immediate(...args));
}
