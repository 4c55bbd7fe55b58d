import { SchemaTooNewError } from '../../../core/errors/duroxide-error.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations.js';
const CREATE_VERSION_TABLE = `
CREATE TABLE IF NOT EXISTS duroxide_schema (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at INTEGER NOT NULL
)`;
/**
 * Applies every pending migration in ONE `BEGIN IMMEDIATE` transaction: two processes opening
 * the same fresh file serialize on the write lock, and the second sees the first's versions
 * and has nothing left to do. A database whose recorded version is newer than
 * {@link LATEST_SCHEMA_VERSION} is refused with `SchemaTooNewError` before anything is written,
 * because an older engine could corrupt columns it does not know about.
 *
 * @param location - the file path (or `:memory:`), only used in the error message.
 * @returns the versions applied by this call (empty when already current).
 */
export function applyMigrations(db, location, now) {
    const run = db.transaction(() => {
        db.exec(CREATE_VERSION_TABLE);
        const row = db
            .prepare('SELECT MAX(version) AS version FROM duroxide_schema')
            .get();
        const current = row?.version ?? 0;
        if (current > LATEST_SCHEMA_VERSION) {
            throw new SchemaTooNewError(`SQLite database '${location}' has schema version ${current}, but this duroxide-ts knows ` +
                `schema versions up to ${LATEST_SCHEMA_VERSION}; it was written by a newer duroxide-ts. ` +
                'Upgrade duroxide-ts to open this database.');
        }
        const record = db.prepare('INSERT INTO duroxide_schema (version, name, applied_at) VALUES (?, ?, ?)');
        const applied = [];
        for (const migration of MIGRATIONS) {
            if (migration.version <= current)
                continue;
            db.exec(migration.sql);
            record.run(migration.version, migration.name, now);
            applied.push(migration.version);
        }
        return applied;
    });
    return run.immediate();
}
//# sourceMappingURL=apply-migrations.js.map