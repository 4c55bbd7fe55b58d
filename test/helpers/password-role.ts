/**
 * A login role whose password is really checked, on the test server (whose cluster otherwise
 * trusts every local connection): a `scram-sha-256` line for that role is put first in
 * pg_hba.conf and the configuration reloaded. Only for servers these tests started.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { adminQuery } from './postgres-cluster.js';
import { eventually } from './eventually.js';
import pg from 'pg';

export interface PasswordRole {
  readonly role: string;
  readonly host: string;
  readonly port: number;
  readonly database: string;
  setPassword(password: string): Promise<void>;
  /** Ends every session of the role (the pool must open new connections). */
  disconnect(): Promise<void>;
  drop(): Promise<void>;
}

async function canLogIn(config: pg.ClientConfig): Promise<boolean> {
  const client = new pg.Client(config);
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function createPasswordRole(url: string, password: string): Promise<PasswordRole> {
  const role = `entra_${randomBytes(4).toString('hex')}`;
  const parsed = new URL(url);
  const host = parsed.hostname;
  const port = Number(parsed.port || 5432);
  const database = parsed.pathname.slice(1) || 'postgres';
  const quote = (text: string): string => `'${text.replace(/'/g, "''")}'`;
  await adminQuery(url, `CREATE ROLE ${role} LOGIN SUPERUSER PASSWORD ${quote(password)}`);
  const [file] = await adminQuery<{ hba_file: string }>(url, 'SHOW hba_file');
  const hbaFile = file!.hba_file;
  writeFileSync(
    hbaFile,
    `host all ${role} 0.0.0.0/0 scram-sha-256\nhost all ${role} ::/0 scram-sha-256\n${readFileSync(hbaFile, 'utf8')}`,
  );
  await adminQuery(url, 'SELECT pg_reload_conf()');
  await eventually('pg_hba.conf to check the role password', async () => {
    const base = { host, port, database, user: role };
    return !(await canLogIn({ ...base, password: `not-${password}` }));
  });
  return {
    role,
    host,
    port,
    database,
    setPassword: async (next) => {
      await adminQuery(url, `ALTER ROLE ${role} PASSWORD ${quote(next)}`);
    },
    disconnect: async () => {
      await adminQuery(
        url,
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1',
        [role],
      );
    },
    drop: async () => {
      await adminQuery(
        url,
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1',
        [role],
      );
      await adminQuery(url, `DROP OWNED BY ${role} CASCADE`).catch(() => undefined);
      await adminQuery(url, `DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
    },
  };
}
