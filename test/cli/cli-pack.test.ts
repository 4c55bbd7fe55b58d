/**
 * The `duroxide` bin as users get it: `npm pack` the package (after `npm run build`), install
 * the tarball into a scratch project the way npm does (the package under node_modules, its bin
 * linked into node_modules/.bin, its declared dependencies next to it — linked from this
 * repository's node_modules, so it works offline and right after `npm ci`), and run
 * `npx duroxide --help` and `npx duroxide instances list` on a real SQLite store there. A
 * dependency the CLI needs but package.json does not declare fails it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Client, Runtime, SqliteProvider } from '../../src/index.js';
import { installPacked, packPackage } from '../helpers/packed-package.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function npx(project: string, args: readonly string[]) {
  const run = spawnSync('npx', ['--offline', '--no', '--', 'duroxide', ...args], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, DUROXIDE_URL: '', DUROXIDE_API_KEY: '', DUROXIDE_API_KEYS: '' },
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('the packed duroxide bin runs --help and lists the instances of a real SQLite store in a scratch project', async (t) => {
  assert.ok(
    existsSync(join(ROOT, 'dist', 'cli.js')),
    'dist/cli.js is missing: run `npm run build` (npm test does) before this test',
  );
  const dir = mkdtempSync(join(tmpdir(), 'duroxide-pack-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { tarball, files } = packPackage(dir);
  assert.ok(files.includes('dist/cli.js'), 'the tarball has the bin');
  const project = join(dir, 'project');
  installPacked(tarball, project);

  const help = npx(project, ['--help']);
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /Usage: duroxide/);
  for (const command of ['instances', 'bulk', 'bulk-jobs', 'keys', 'queues', 'serve'])
    assert.match(help.stdout, new RegExp(`\\n\\s+${command}\\b`), command);

  const storeUrl = `sqlite:${join(project, 'app.db')}`;
  const runtime = new Runtime(await SqliteProvider.open(storeUrl), { logLevel: 'off' });
  runtime.registerOrchestration('Hello', async (_ctx, name: string) => `hello ${name}`);
  await runtime.start();
  const provider = await SqliteProvider.open(storeUrl);
  try {
    const client = new Client(provider);
    await client.startOrchestration('packed-1', 'Hello', 'pack');
    assert.equal((await client.waitForOrchestration('packed-1', 10_000)).output, 'hello pack');
  } finally {
    await runtime.shutdown(2000);
    await provider.close();
  }

  const list = npx(project, ['instances', 'list', '--store', storeUrl, '-o', 'json']);
  assert.equal(list.code, 0, list.stderr);
  const page = JSON.parse(list.stdout) as { items: { instanceId: string; status: string }[] };
  assert.deepEqual(
    page.items.map((i) => [i.instanceId, i.status]),
    [['packed-1', 'Completed']],
  );
});
