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

test('the benchmark harness runs on PostgreSQL with the DBOS peer beside each selected workload and prints the ratios', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      run,
      '--smoke',
      '--provider',
      'postgres',
      '--only',
      'chain3,fanout10,sequential-chain3,peer',
      '--no-json',
    ],
    {
      encoding: 'utf8',
      timeout: 300_000,
    },
  );
  for (const workload of ['chain3', 'fanout10', 'sequential-chain3']) {
    assert.match(stdout, new RegExp(`^${workload} `, 'm'), `our row for ${workload}`);
    // The peer's row, with its own CPU and the server's per orchestration.
    assert.match(
      stdout,
      new RegExp(`^dbos ${workload} .*cpuMsPerOrch=[\\d.]+ serverCpuMsPerOrch=[\\d.]+`, 'm'),
      `DBOS row for ${workload}`,
    );
  }
  // Only the selected workloads: the peer runs no hello or chain10 here.
  assert.doesNotMatch(stdout, /^dbos (hello|chain10) /m);
  assert.match(stdout, /^ours beside DBOS$/m);
  assert.match(
    stdout,
    /ratios: chain3ThroughputOursOverDbos=[\d.]+ chain3P50LatencyOursOverDbos=[\d.]+ chain3P99LatencyOursOverDbos=[\d.]+ .*fanout10ThroughputOursOverDbos=[\d.]+ .*sequentialChain3P50OursOverDbos=[\d.]+ sequentialChain3P99OursOverDbos=[\d.]+/,
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
