/**
 * Loads the `pg` (node-postgres) driver on first use, so applications that only use SQLite
 * never need it installed (it is an optional peer dependency).
 * @module
 */
import type * as PgModule from 'pg';
/** The driver's module namespace as seen through `import('pg')`. */
export type Pg = typeof PgModule;
/**
 * Imports `pg` (Node caches the module, so repeated calls are cheap). `pg` is CommonJS: under
 * ESM its exports sit on `default`, while the CJS build of this package sees them directly,
 * so both shapes are accepted.
 * @throws ProviderError (permanent) naming the missing package and the install command.
 */
export declare function loadPg(): Promise<Pg>;
