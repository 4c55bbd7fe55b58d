/**
 * Brings a schema to the latest version on connect, or refuses one written by a newer build.
 * @module
 */
import { SchemaTooNewError } from '../../../core/errors/duroxide-error.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations.js';
/** The migration's DDL for one schema. */
export function migrationSql(migration, schema) {
    return migration.sql.replaceAll('{schema}', schema.quoted);
}
/**
 * Creates the schema if missing and applies every pending migration, each in its own
 * transaction, all under one transaction-scoped advisory lock per step keyed by the schema:
 * several nodes starting at once queue on the lock, and each re-reads the recorded version
 * after acquiring it, so every migration runs exactly once. A schema whose recorded version is
 * newer than {@link LATEST_SCHEMA_VERSION} is refused with `SchemaTooNewError` before anything
 * is changed, because an older engine could corrupt columns it does not know about.
 *
 * @returns the versions applied by this call (empty when already current).
 */
export async function applyMigrations(db, schema, now) {
    const applied = [];
    for (;;) {
        const step = await db.transaction(async (tx) => {
            await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
                schema.migrationLockKey,
            ]);
            await tx.query(`CREATE SCHEMA IF NOT EXISTS ${schema.quoted}`);
            await tx.query(`CREATE TABLE IF NOT EXISTS ${schema.quoted}.duroxide_schema (
           version    INTEGER PRIMARY KEY,
           name       TEXT NOT NULL,
           applied_at BIGINT NOT NULL
         )`);
            const { rows } = await tx.query(`SELECT MAX(version) AS version FROM ${schema.quoted}.duroxide_schema`);
            const current = rows[0]?.version ?? 0;
            if (current > LATEST_SCHEMA_VERSION) {
                throw new SchemaTooNewError(`PostgreSQL schema '${schema.name}' has schema version ${current}, but this duroxide-ts knows ` +
                    `schema versions up to ${LATEST_SCHEMA_VERSION}; it was written by a newer duroxide-ts. ` +
                    'Upgrade duroxide-ts to use this schema (or point this node at another schema).');
            }
            const next = MIGRATIONS.find((m) => m.version > current);
            if (next === undefined)
                return undefined;
            await tx.query(migrationSql(next, schema));
            await tx.query(`INSERT INTO ${schema.quoted}.duroxide_schema (version, name, applied_at) VALUES ($1, $2, $3)`, [next.version, next.name, now()]);
            return next.version;
        });
        if (step === undefined)
            return applied;
        applied.push(step);
    }
}
//# sourceMappingURL=apply-migrations.js.map