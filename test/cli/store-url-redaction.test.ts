/**
 * The `duroxide` CLI never prints the password of a `--store` url: not when the url is
 * malformed, not when the store cannot be reached, not for an unknown scheme.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  AWKWARD_PASSWORDS,
  PASSWORD_MARKER,
  isFreeOfPassword,
} from '../helpers/awkward-passwords.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

function cli(args: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, DUROXIDE_URL: '', DUROXIDE_API_KEY: '', DUROXIDE_API_KEYS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('duroxide --store error output', () => {
  for (const { label, password } of [...AWKWARD_PASSWORDS, { label: 'empty', password: '' }]) {
    test(`never prints a store password with ${label}`, async () => {
      const port = await closedPort();
      const runs = await Promise.all(
        [password, encodeURIComponent(password)].map((pw) =>
          cli(['instances', 'list', '--store', `postgres://app:${pw}@127.0.0.1:${port}/app`]),
        ),
      );
      for (const run of runs) {
        assert.notEqual(run.code, 0);
        assert.match(run.output, /duroxide: /);
        assert.ok(isFreeOfPassword(run.output, password), run.output);
      }
    });
  }

  test('never prints the password of a url with an unknown scheme', async () => {
    const password = `p@ss${PASSWORD_MARKER}`;
    const run = await cli(['instances', 'list', '--store', `postgress://app:${password}@db/app`]);
    assert.equal(run.code, 2, run.output);
    assert.match(run.output, /--store must be sqlite:/);
    assert.ok(isFreeOfPassword(run.output, password), run.output);
  });

  test('never prints the password of a management server url that cannot be reached', async () => {
    const password = `p@ss${PASSWORD_MARKER}`;
    const port = await closedPort();
    const run = await cli([
      'instances',
      'list',
      '--url',
      `http://admin:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    ]);
    assert.notEqual(run.code, 0, run.output);
    assert.ok(isFreeOfPassword(run.output, password), run.output);
  });
});
