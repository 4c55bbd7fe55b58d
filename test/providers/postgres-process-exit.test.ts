/**
 * A process that uses the PostgreSQL provider exits by itself once its work is done, even
 * without `provider.close()`: the LISTEN connection is open only while someone subscribes,
 * idle pooled connections do not hold the event loop, and no reconnect timer is left behind.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { dropSchema, postgresServer, uniqueSchemaName } from '../helpers/postgres-cluster.js';

const CHILD = fileURLToPath(new URL('../helpers/postgres-exit-child.js', import.meta.url));
/** Far longer than the work takes; a process still alive then is held open by something. */
const HANG_MS = 45_000;

interface Exit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly isHung: boolean;
}

function runChild(args: readonly string[]): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let isHung = false;
    const timer = setTimeout(() => {
      isHung = true;
      child.kill('SIGKILL');
    }, HANG_MS);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, isHung });
    });
  });
}

describe('a process using the PostgreSQL provider', () => {
  test('exits by itself after runtime.shutdown() without closing the provider', async (t) => {
    const { url } = await postgresServer();
    const schema = uniqueSchemaName('exit_rt');
    t.after(() => dropSchema(url, schema));
    const exit = await runChild([url, schema, 'runtime']);
    assert.equal(exit.isHung, false, `the process did not exit by itself; stderr: ${exit.stderr}`);
    assert.equal(exit.code, 0, exit.stderr);
    assert.equal(exit.stdout.trim(), '41', 'the orchestration ran to completion first');
  });

  test('exits by itself after a client-only read without closing the provider', async (t) => {
    const { url } = await postgresServer();
    const schema = uniqueSchemaName('exit_client');
    t.after(() => dropSchema(url, schema));
    const exit = await runChild([url, schema, 'client']);
    assert.equal(exit.isHung, false, `the process did not exit by itself; stderr: ${exit.stderr}`);
    assert.equal(exit.code, 0, exit.stderr);
    assert.equal(exit.stdout.trim(), '"NotFound"');
  });
});
