/**
 * Opens a store from a `--store` URL: `sqlite:./app.db` or `postgres://…` (with `--schema`).
 * @module
 */
import { PostgresProvider } from '../providers/postgres/postgres-provider.js';
import { SqliteProvider } from '../providers/sqlite/sqlite-provider.js';
import { usageError } from './cli-error.js';
export async function openStore(url, schema) {
    if (url.startsWith('sqlite:')) {
        if (schema !== undefined)
            throw usageError('--schema applies to PostgreSQL stores only');
        return SqliteProvider.open(url);
    }
    if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
        return schema === undefined
            ? PostgresProvider.connect(url)
            : PostgresProvider.connectWithSchema(url, schema);
    }
    throw usageError(`--store must be sqlite:<path> or postgres://user:password@host:5432/database, got ${JSON.stringify(url)}`);
}
//# sourceMappingURL=open-store.js.map