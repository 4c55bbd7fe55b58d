/**
 * The benchmark harness still runs (a seconds-long smoke run; its figures are not asserted —
 * speed lives in `npm run bench`, never in tests).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const run = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench', 'run.js');

test('the benchmark harness runs every workload on SQLite and prints its table', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [run, '--smoke', '--provider', 'sqlite', '--no-json'],
    {
      encoding: 'utf8',
      timeout: 180_000,
    },
  );
  for (const workload of [
    'hello',
    'chain3',
    'chain10',
    'fanout10',
    'fanout100',
    'timer',
    'event',
    'sequential',
    'sequential-chain3',
    'long-history',
    'idle',
    'api-query',
  ]) {
    assert.match(stdout, new RegExp(`^${workload} `, 'm'), `row for ${workload}`);
  }
  assert.match(stdout, /wokenCorrectly=\d+/);
});

test('the benchmark harness runs on PostgreSQL with the DBOS peer and prints the ratios', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      run,
      '--smoke',
      '--provider',
      'postgres',
      '--only',
      'chain3,sequential-chain3,peer',
      '--no-json',
    ],
    {
      encoding: 'utf8',
      timeout: 300_000,
    },
  );
  assert.match(stdout, /^chain3 /m);
  assert.match(stdout, /^dbos chain3 /m);
  assert.match(
    stdout,
    /ratios: chain3ThroughputOursOverDbos=[\d.]+ chain3P50LatencyOursOverDbos=[\d.]+ sequentialChain3P50OursOverDbos=[\d.]+/,
  );
});

test('the floor mode replays the captured statements on both stores and prints ours over floor, and the scale-out mode runs 1 to 3 runtime processes', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      run,
      '--smoke',
      '--floor',
      '--scale-out',
      '--provider',
      'all',
      '--only',
      'chain3',
      '--no-json',
    ],
    {
      encoding: 'utf8',
      timeout: 300_000,
    },
  );
  assert.match(stdout, /^sqlite: ours ÷ floor$/m);
  assert.match(stdout, /^postgres: ours ÷ floor$/m);
  // Every chain3 row: a replayed floor with a ratio and statements per orchestration.
  const rows =
    stdout.match(/^chain3 +\d+ +\d+ +\d+ +[\d.]+ +[\d.]+ +[\d.]+ +\d+ +[\d.]+ +[\d.]+ /gm) ?? [];
  assert.equal(rows.length, 2, stdout);
  for (const processes of [1, 2, 3])
    assert.match(stdout, new RegExp(`^ +${processes} +\\d+ +\\d+ `, 'm'), `scale-out ${processes}`);
});
