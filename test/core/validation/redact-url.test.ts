import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { redactSecrets, redactUrl } from '../../../src/core/validation/redact-url.js';
import { AWKWARD_PASSWORDS, isFreeOfPassword } from '../../helpers/awkward-passwords.js';

describe('redactUrl', () => {
  test('replaces a plain password and keeps user, host, port, database and query', () => {
    assert.equal(
      redactUrl('postgres://app:secret@db.example:5432/app?sslmode=require'),
      'postgres://app:***@db.example:5432/app?sslmode=require',
    );
  });

  test("redacts the whole password when it holds '@' (not only the part before it)", () => {
    assert.equal(redactUrl('postgres://app:p@ss@db:5432/app'), 'postgres://app:***@db:5432/app');
  });

  test("redacts a password holding '/', '#' or '?' that a url parser would read as path, fragment or query", () => {
    assert.equal(redactUrl('postgres://app:pa/ss@db/app'), 'postgres://app:***@db/app');
    assert.equal(redactUrl('postgres://app:pa#ss@db/app'), 'postgres://app:***@db/app');
    assert.equal(redactUrl('postgres://app:pa?ss@db/app'), 'postgres://app:***@db/app');
  });

  for (const { label, password } of AWKWARD_PASSWORDS) {
    test(`leaves no trace of a password with ${label}, raw or percent-encoded`, () => {
      for (const written of [password, encodeURIComponent(password)]) {
        const shown = redactUrl(`postgresql://app:${written}@db.example:5432/app`);
        assert.ok(isFreeOfPassword(shown, password), shown);
        assert.match(shown, /^postgresql:\/\/app:\*\*\*@db\.example:5432\/app$/);
      }
    });
  }

  test('an empty password is shown as *** like any other; a url without one is unchanged', () => {
    assert.equal(redactUrl('postgres://app:@db/app'), 'postgres://app:***@db/app');
    assert.equal(redactUrl('postgres://app@db/app'), 'postgres://app@db/app');
    assert.equal(redactUrl('postgres://db/app'), 'postgres://db/app');
  });

  test('a password given as a query parameter is redacted too', () => {
    assert.equal(
      redactUrl('postgres://db/app?user=app&password=s3cret&sslmode=require'),
      'postgres://db/app?user=app&password=***&sslmode=require',
    );
  });

  test('a user name that cannot be told apart from the password is redacted with it', () => {
    assert.equal(redactUrl('postgres://ap/p:secret@db/app'), 'postgres://***@db/app');
  });

  test('sqlite urls carry no credentials and are shown as they are', () => {
    assert.equal(redactUrl('sqlite:./app.db'), 'sqlite:./app.db');
    assert.equal(redactUrl('sqlite::memory:'), 'sqlite::memory:');
  });

  test('a string without a scheme that could hold a password is replaced entirely', () => {
    assert.equal(redactUrl('host=db user=app password=secret'), '***');
    assert.equal(redactUrl('app:secret@db'), '***');
  });
});

describe('redactSecrets', () => {
  test('removes the url password from a message, as written, decoded or encoded', () => {
    const url = 'http://admin:p%40ss%2Fw0rd@localhost:1';
    assert.equal(
      redactSecrets('failed for http://admin:p%40ss%2Fw0rd@localhost:1/api (p@ss/w0rd)', url),
      'failed for http://admin:***@localhost:1/api (***)',
    );
  });

  test('leaves a message alone when the url has no password', () => {
    assert.equal(redactSecrets('ECONNREFUSED', 'postgres://app@db/app'), 'ECONNREFUSED');
  });
});
