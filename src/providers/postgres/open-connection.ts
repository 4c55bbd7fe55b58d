/**
 * What every `PostgresProvider.connect…` does once its arguments are checked: load the driver,
 * open the pool, apply pending migrations under an advisory lock (nodes starting together
 * migrate once), and prepare the commit signals (whose LISTEN connection opens later, while
 * someone subscribes).
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { ClientConfig } from 'pg';
import type { ResolvedPostgresOptions, SchemaIdentity } from './connection-config.js';
import { clientConfig, poolConfig, withRetries } from './connection-settings.js';
import { Database } from './database.js';
import { loadPg } from './load-pg.js';
import { applyMigrations } from './migrations/apply-migrations.js';
import { SignalHub } from './notify/signal-hub.js';
import { toProviderError } from './to-provider-error.js';

export interface OpenConnection {
  readonly db: Database;
  /** This provider's random id (its own NOTIFYs are recognised by it). */
  readonly origin: string;
  readonly signals: SignalHub;
}

/**
 * @param target where to connect: `{ connectionString }` or host/port/user/password settings.
 * @throws ProviderError (or a `SchemaTooNewError`) when the database cannot be reached or used.
 */
export async function openConnection(
  target: ClientConfig,
  identity: SchemaIdentity,
  resolved: ResolvedPostgresOptions,
): Promise<OpenConnection> {
  const pg = await loadPg();
  const config = clientConfig(pg, target, identity);
  const pool = new pg.Pool(poolConfig(config, resolved));
  // Idle connections killed by a server restart emit 'error' on the pool; without a listener
  // that would crash the process. The pool drops them and reconnects on demand.
  pool.on('error', () => undefined);
  const db = new Database(pool, { preparedStatements: resolved.preparedStatements });
  try {
    await withRetries(
      'transient',
      () => applyMigrations(db, identity, resolved.now),
      () => false,
    );
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw toProviderError('connect', error);
  }
  const origin = randomUUID();
  const signals = new SignalHub({
    pg,
    config,
    channel: identity.channel,
    origin,
    now: resolved.now,
  });
  return { db, origin, signals };
}
