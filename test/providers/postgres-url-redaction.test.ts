/**
 * A PostgreSQL url's password never appears in the errors of `PostgresProvider.connect`:
 * neither for a url the driver cannot use (a password that was not percent-encoded) nor for
 * a server that cannot be reached.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, test } from 'node:test';
import { isDuroxideError } from '../../src/index.js';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';
import {
  AWKWARD_PASSWORDS,
  PASSWORD_MARKER,
  isFreeOfPassword,
} from '../helpers/awkward-passwords.js';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function assertRedacted(error: unknown, password: string): void {
  assert.ok(isDuroxideError(error), String(error));
  const shown = `${error.message} ${JSON.stringify(error.context)} ${String(error)}`;
  assert.ok(isFreeOfPassword(shown, password), shown);
}

describe('PostgreSQL connection errors', () => {
  const withPasswords = [...AWKWARD_PASSWORDS, { label: 'empty', password: '' }];
  for (const { label, password } of withPasswords) {
    test(`never show a password with ${label}, written raw or percent-encoded`, async () => {
      const port = await closedPort();
      const written = [password, encodeURIComponent(password)];
      await Promise.all(
        written.map(async (pw) => {
          const url = `postgres://app:${pw}@127.0.0.1:${port}/app`;
          await assert.rejects(
            PostgresProvider.connectWithSchema(url, 'redaction', { connectionTimeoutMs: 2_000 }),
            (error: unknown) => {
              assertRedacted(error, password);
              assert.match((error as Error).message, /postgres:\/\/app:\*\*\*@|ECONNREFUSED/);
              return true;
            },
          );
        }),
      );
    });
  }

  test('a url the driver cannot parse is refused naming it redacted, with a hint to percent-encode', async () => {
    const password = `pa/ss${PASSWORD_MARKER}`;
    await assert.rejects(
      PostgresProvider.connect(`postgres://app:${password}@db.example:5432/app`),
      (error: unknown) => {
        assertRedacted(error, password);
        assert.match((error as Error).message, /'postgres:\/\/app:\*\*\*@db\.example:5432\/app'/);
        assert.match((error as Error).message, /percent-encode/);
        return true;
      },
    );
  });
});
