/**
 * Loads the native SQLite driver `better-sqlite3` on first use, so applications that only use
 * PostgreSQL or only a Client never load it — and still work where its native build failed
 * (it is an optional dependency: docs/decisions/0011-package-shape.md).
 * @module
 */
import type BetterSqlite3 from 'better-sqlite3';
import { ProviderError } from '../../core/errors/duroxide-error.js';

/** The driver's constructor. */
export type SqliteDriver = typeof BetterSqlite3;

/**
 * Imports `better-sqlite3` (Node caches the module, so repeated calls are cheap). It is
 * CommonJS: under ESM the constructor sits on `default`, while the CJS build of this package
 * may see it directly, so both shapes are accepted.
 * @throws ProviderError (permanent) naming the package and how to install it.
 */
export async function loadSqlite(): Promise<SqliteDriver> {
  try {
    const mod = (await import('better-sqlite3')) as SqliteDriver & { default?: SqliteDriver };
    return mod.default ?? mod;
  } catch (error) {
    throw new ProviderError(
      'open',
      `the SQLite driver 'better-sqlite3' could not be loaded (${error instanceof Error ? error.message : String(error)}); install it with \`npm install better-sqlite3\` (with npm 11 approve its install script: \`npm install-scripts approve better-sqlite3\`)`,
      false,
      error,
    );
  }
}
