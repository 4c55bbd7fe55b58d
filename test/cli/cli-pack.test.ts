/**
 * The `duroxide` bin as users get it: `npm pack` the package (after `npm run build`), install
 * the tarball into a scratch project the way npm does (the package under node_modules, its bin
 * linked into node_modules/.bin, its declared dependencies next to it — linked from this
 * repository's node_modules, so it works offline and right after `npm ci`), and run
 * `npx duroxide --help` and `npx duroxide instances list` on a real SQLite store there. A
 * dependency the CLI needs but package.json does not declare fails it.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Client, Runtime, SqliteProvider } from '../../src/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface PackedManifest {
  readonly dependencies: Record<string, string>;
  /** better-sqlite3: npm installs it when it builds, and this test opens a SQLite store. */
  readonly optionalDependencies?: Record<string, string>;
  readonly bin: Record<string, string>;
}

/** Installs the tarball into `project` as npm would, without the network. */
function installTarball(tarball: string, project: string): void {
  const modules = join(project, 'node_modules');
  mkdirSync(join(modules, '.bin'), { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', modules]);
  const target = join(modules, 'duroxide-ts');
  renameSync(join(modules, 'package'), target);
  const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as PackedManifest;
  for (const dependency of Object.keys({
    ...manifest.dependencies,
    ...manifest.optionalDependencies,
  })) {
    const from = join(ROOT, 'node_modules', dependency);
    assert.ok(existsSync(from), `dependency ${dependency} is installed in the repository`);
    mkdirSync(dirname(join(modules, dependency)), { recursive: true });
    symlinkSync(from, join(modules, dependency), 'dir');
  }
  for (const [name, file] of Object.entries(manifest.bin)) {
    chmodSync(join(target, file), 0o755);
    symlinkSync(join('..', 'duroxide-ts', file), join(modules, '.bin', name));
  }
}

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
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  ) as { filename: string; files: { path: string }[] }[];
  const tarball = join(dir, packed[0]?.filename ?? assert.fail('npm pack made no tarball'));
  assert.ok(
    packed[0]?.files.some((f) => f.path === 'dist/cli.js'),
    'the tarball has the bin',
  );

  const project = join(dir, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'scratch',
      private: true,
      dependencies: { 'duroxide-ts': `file:${tarball}` },
    }),
  );
  installTarball(tarball, project);

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
