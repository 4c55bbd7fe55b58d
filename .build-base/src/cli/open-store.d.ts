/**
 * Opens a store from a `--store` URL: `sqlite:./app.db` or `postgres://…` (with `--schema`).
 * @module
 */
import { PostgresProvider } from '../providers/postgres/postgres-provider.js';
import { SqliteProvider } from '../providers/sqlite/sqlite-provider.js';
export declare function openStore(url: string, schema?: string): Promise<SqliteProvider | PostgresProvider>;
