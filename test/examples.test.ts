/**
 * The runnable examples keep working (they are part of the docs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { eventually } from './helpers/eventually.js';
import type { Json } from './helpers/management-harness.js';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');
const run = (name: string): string =>
  execFileSync(process.execPath, [join(examples, name)], { encoding: 'utf8', timeout: 60_000 });

test('the hot-fix example upgrades at continue-as-new, after finishing the in-flight execution on 1.0.0', () => {
  const out = run('hot-fix-upgrade.js');
  assert.match(out, /after restart the instance still runs v1\.0\.0/);
  assert.match(out, /execution 1: v1\.0\.0\n {2}execution 2: v1\.0\.1/);
  assert.match(out, /result: "stopped after round 3"/);
});

test('the pinning example shows policy, explicit, child and continue-as-new pins', () => {
  const out = run('version-pinning.js');
  assert.match(out, /p-policy {3}-> "priced by v1\.0\.0"/);
  assert.match(out, /p-explicit -> "priced by v2\.0\.0"/);
  assert.match(out, /p-moved {4}-> "priced by v2\.0\.0"/);
  assert.match(out, /"byPolicy":"priced by v1\.0\.0","pinned":"priced by v2\.0\.0"/);
});

test('the npm start demo serves the dashboard, keeps starting instances and upgrades Monitor from 1.0.0 to 1.0.1 live', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'duroxide-demo-'));
  const child = spawn(process.execPath, [join(examples, 'demo.js')], {
    env: {
      ...process.env,
      DUROXIDE_DEMO_DB: join(dir, 'demo.db'),
      DUROXIDE_DEMO_PORT: '0',
      DUROXIDE_DEMO_UPGRADE_AFTER_MS: '1500',
      DUROXIDE_DEMO_TICK_MS: '150',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  t.after(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  });

  const url = await eventually(
    'the demo to print its dashboard URL',
    () => /dashboard: (http:\/\/\S+?)\/?$/m.exec(out)?.[1],
  );
  const page = await fetch(`${url}/instances`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(await page.text(), /<div id="app"><\/div>/);

  const api = async (path: string): Promise<Json> => (await fetch(`${url}/api/v1${path}`)).json();
  const first = (await api('/metrics')).totalInstances as number;
  const chain = await eventually(
    'monitor-1 to continue as new from 1.0.0 onto 1.0.1',
    async () => {
      const detail = await api('/instances/monitor-1');
      const versions = (detail.executions as { orchestrationVersion?: string }[])
        .map((e) => e.orchestrationVersion)
        .reverse();
      return versions.includes('1.0.0') && versions.at(-1) === '1.0.1' ? versions : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 100 },
  );
  assert.equal(chain[0], '1.0.0');
  await eventually('the demo to keep starting instances', async () => {
    return ((await api('/metrics')).totalInstances as number) > first + 3;
  });
  assert.match(out, /Monitor policy is now latest/);

  child.kill('SIGINT');
  assert.equal(await exited, 0);
  assert.equal(err, '');
  assert.ok(out.split('\n').length < 10, `the demo's output stays short:\n${out}`);
});
