/**
 * `PostgresProvider.connectWithEntra` / `connectWithSchemaAndEntra` against a real PostgreSQL
 * whose role's password is the token a fake Entra credential hands out: the token is the
 * password of every new connection (pool and LISTEN), and a token close to expiry is replaced
 * before a new connection uses it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { InvalidInputError, ProviderError, isDuroxideError } from '../../src/index.js';
import {
  PostgresProvider,
  type EntraAccessToken,
  type EntraTokenCredential,
} from '../../src/providers/postgres/postgres-provider.js';
import { eventually } from '../helpers/eventually.js';
import { createPasswordRole, type PasswordRole } from '../helpers/password-role.js';
import { dropSchema, postgresServer, uniqueSchemaName } from '../helpers/postgres-cluster.js';

const MINUTE = 60_000;
const T0 = 1_800_000_000_000;

/** A credential handing out `tokens` in turn, recording the scopes it was asked for. */
class FakeCredential implements EntraTokenCredential {
  readonly scopes: (string | string[])[] = [];
  constructor(private readonly tokens: EntraAccessToken[]) {}
  getToken(scopes: string | string[]): Promise<EntraAccessToken | null> {
    this.scopes.push(scopes);
    const next = this.tokens[Math.min(this.scopes.length - 1, this.tokens.length - 1)];
    return Promise.resolve(next ?? null);
  }
}

let url = '';
let isOwned = false;
let role: PasswordRole | undefined;
const schemas: string[] = [];

before(async () => {
  const server = await postgresServer();
  url = server.url;
  isOwned = server.isOwned;
  if (isOwned) role = await createPasswordRole(url, 'tok-1');
});
after(async () => {
  for (const schema of schemas) await dropSchema(url, schema);
  await role?.drop();
});

function schema(prefix: string): string {
  const name = uniqueSchemaName(prefix);
  schemas.push(name);
  return name;
}

describe('PostgresProvider with Microsoft Entra authentication', () => {
  test('connects with the credential token as the password, for the pool and the LISTEN connection', async (t) => {
    if (role === undefined) return t.skip('needs a server these tests started (pg_hba.conf)');
    await role.setPassword('tok-1');
    const credential = new FakeCredential([
      { token: 'tok-1', expiresOnTimestamp: T0 + 60 * MINUTE },
    ]);
    const provider = await PostgresProvider.connectWithSchemaAndEntra(
      role.host,
      role.port,
      role.database,
      role.role,
      schema('entra'),
      { credential, ssl: false, now: () => T0 },
    );
    t.after(() => provider.close());
    assert.deepEqual(await provider.listInstances(), []);
    t.after(provider.subscribe(() => undefined));
    await eventually(
      'the LISTEN connection, authenticated by the token',
      () => provider.isListening,
    );
    assert.deepEqual(credential.scopes, ['https://ossrdbms-aad.database.windows.net/.default']);
  });

  test('a token close to expiry is replaced before a new connection uses it', async (t) => {
    if (role === undefined) return t.skip('needs a server these tests started (pg_hba.conf)');
    await role.setPassword('tok-1');
    let now = T0;
    const credential = new FakeCredential([
      { token: 'tok-1', expiresOnTimestamp: T0 + 10 * MINUTE },
      { token: 'tok-2', expiresOnTimestamp: T0 + 70 * MINUTE },
    ]);
    const provider = await PostgresProvider.connectWithEntra(
      role.host,
      role.port,
      role.database,
      role.role,
      {
        credential,
        ssl: false,
        now: () => now,
        refreshIntervalMs: 5 * MINUTE,
        audience: 'https://example.test/.default',
      },
    );
    t.after(() => provider.close());
    assert.equal(await provider.instanceExists('entra-1'), false);

    // The database now wants the next token; the cached one is still 10 minutes from expiry
    // (more than the 5-minute refresh interval), so a new connection still presents tok-1.
    await role.setPassword('tok-2');
    await role.disconnect();
    await assert.rejects(provider.instanceExists('entra-1'), (error: unknown) => {
      assert.ok(error instanceof ProviderError);
      assert.match(error.message, /password authentication failed/);
      assert.doesNotMatch(error.message, /tok-/);
      return true;
    });
    assert.equal(credential.scopes.length, 1);

    // Six minutes later the token is within the refresh interval: the next connection fetches
    // tok-2 first and gets in.
    now = T0 + 6 * MINUTE;
    await role.disconnect();
    assert.equal(await provider.instanceExists('entra-1'), false);
    assert.deepEqual(credential.scopes, [
      'https://example.test/.default',
      'https://example.test/.default',
    ]);
  });

  test('connects over TLS unless told otherwise', async (t) => {
    if (role === undefined) return t.skip('needs a server these tests started (pg_hba.conf)');
    const credential = new FakeCredential([
      { token: 'tok-1', expiresOnTimestamp: T0 + 60 * MINUTE },
    ]);
    await assert.rejects(
      PostgresProvider.connectWithEntra(role.host, role.port, role.database, role.role, {
        credential,
      }),
      (error: unknown) => {
        assert.ok(error instanceof ProviderError);
        assert.match(error.message, /SSL/i, 'the test server has no TLS: the default asks for it');
        return true;
      },
    );
  });

  test('without a credential it needs @azure/identity and says how to install it', async () => {
    await assert.rejects(
      PostgresProvider.connectWithEntra('db.example', 5432, 'app', 'me'),
      (error: unknown) => {
        assert.ok(error instanceof ProviderError);
        assert.equal(error.retryable, false);
        assert.match(error.message, /'@azure\/identity'/);
        assert.match(error.message, /npm install @azure\/identity/);
        assert.match(error.message, /options\.credential/);
        return true;
      },
    );
  });

  test('malformed arguments and unknown options are refused before connecting', async () => {
    const credential = new FakeCredential([]);
    const cases: [Parameters<typeof PostgresProvider.connectWithEntra>, RegExp][] = [
      [['', 5432, 'app', 'me', { credential }], /host must be a non-empty string/],
      [['db', 70_000, 'app', 'me', { credential }], /port must be an integer from 1 to 65535/],
      [['db', 5432, 'app', '', { credential }], /user must be a non-empty string/],
      [['db', 5432, 'app', 'me', { credential, pool: 3 } as never], /unknown option 'pool'/],
      [['db', 5432, 'app', 'me', { credential: {} as never }], /credential must be an object/],
      [['db', 5432, 'app', 'me', { credential, refreshIntervalMs: -1 }], /refreshIntervalMs/],
    ];
    for (const [args, message] of cases) {
      await assert.rejects(PostgresProvider.connectWithEntra(...args), (error: unknown) => {
        assert.ok(error instanceof InvalidInputError, String(error));
        assert.ok(isDuroxideError(error) && error.code === 'INVALID_INPUT');
        assert.match(error.message, message);
        return true;
      });
    }
    await assert.rejects(
      PostgresProvider.connectWithSchemaAndEntra('db', 5432, 'app', 'me', 'Bad-Schema', {
        credential,
      }),
      InvalidInputError,
    );
    assert.equal(credential.scopes.length, 0, 'no token was asked for');
  });

  test('a credential that fails is reported as a retryable connect error naming the scope', async (t) => {
    if (role === undefined) return t.skip('needs a server these tests started (pg_hba.conf)');
    const credential: EntraTokenCredential = {
      getToken: () => Promise.reject(new Error('managed identity endpoint unreachable')),
    };
    await assert.rejects(
      PostgresProvider.connectWithEntra(role.host, role.port, role.database, role.role, {
        credential,
        ssl: false,
      }),
      (error: unknown) => {
        assert.ok(error instanceof ProviderError);
        assert.match(error.message, /could not get a Microsoft Entra token for scope/);
        assert.match(error.message, /managed identity endpoint unreachable/);
        assert.equal(error.retryable, true);
        return true;
      },
    );
  });
});
