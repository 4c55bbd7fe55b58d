/**
 * The published package as a user gets it: `npm pack` output installed into a scratch project
 * (offline: its dependencies are linked from this repository's node_modules), then imported
 * from ESM and from CommonJS, `duroxide-ts/testing` included, running a tiny orchestration on
 * SQLite. Without better-sqlite3 installed (an optional dependency whose native build may
 * fail), the package still loads and only opening a SQLite store fails, naming the package.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { installPacked, packPackage } from '../helpers/packed-package.js';

const work = mkdtempSync(join(tmpdir(), 'duroxide-tarball-'));
after(() => rmSync(work, { recursive: true, force: true }));

let files: string[] = [];
let tarball = '';

before(() => {
  ({ tarball, files } = packPackage(work));
});

/** A scratch project with the tarball installed (see test/helpers/packed-package.ts). */
function scratchProject(name: string, options: { readonly withSqlite: boolean }): string {
  const dir = join(work, name);
  installPacked(tarball, dir, options);
  return dir;
}

function run(dir: string, file: string, source: string): { code: number | null; out: string } {
  writeFileSync(join(dir, file), source);
  const result = spawnSync(process.execPath, [file], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

const ORCHESTRATION = `
  const provider = await SqliteProvider.inMemory();
  const runtime = new Runtime(provider, { logLevel: 'off' });
  const Greet = defineActivity({ name: 'Greet' }, (ctx, name) => 'Hello, ' + name + '!');
  runtime.register(Greet);
  runtime.registerOrchestration('Hello', async (ctx, name) => ctx.scheduleActivity(Greet, name));
  await runtime.start();
  const client = new Client(provider);
  await client.startOrchestration('tarball-1', 'Hello', 'package');
  const status = await client.waitForOrchestration('tarball-1', 20000);
  await runtime.shutdown();
  await provider.close();
  console.log(JSON.stringify({ output: status.output, suite: typeof runProviderConformance }));
`;

describe('the npm package', () => {
  test('ships the builds, declarations, CLI and testing entry, and no sources or tests', () => {
    for (const file of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'dist/index.js',
      'dist/index.cjs',
      'dist/index.d.ts',
      'dist/index.d.cts',
      'dist/testing.js',
      'dist/testing.cjs',
      'dist/testing.d.ts',
      'dist/testing.d.cts',
      'dist/cli.js',
      'testing/package.json',
    ]) {
      assert.ok(files.includes(file), `${file} is in the tarball`);
    }
    const stray = files.filter((f) => /^(src|test|\.build|bench|examples|docs)\//.test(f));
    assert.deepEqual(stray, []);
  });

  test('installed in a project, it runs an orchestration on SQLite when imported from ESM', () => {
    const dir = scratchProject('esm-app', { withSqlite: true });
    const { code, out } = run(
      dir,
      'main.mjs',
      `import { Client, Runtime, SqliteProvider, defineActivity } from 'duroxide-ts';
       import { runProviderConformance } from 'duroxide-ts/testing';
       ${ORCHESTRATION}`,
    );
    assert.equal(code, 0, out);
    assert.deepEqual(JSON.parse(out.trim()), { output: 'Hello, package!', suite: 'function' });
  });

  test('installed in a project, it runs an orchestration on SQLite when required from CommonJS', () => {
    const dir = scratchProject('cjs-app', { withSqlite: true });
    const { code, out } = run(
      dir,
      'main.cjs',
      `const { Client, Runtime, SqliteProvider, defineActivity } = require('duroxide-ts');
       const { runProviderConformance } = require('duroxide-ts/testing');
       (async () => { ${ORCHESTRATION} })().catch((e) => { console.error(e); process.exit(1); });`,
    );
    assert.equal(code, 0, out);
    assert.deepEqual(JSON.parse(out.trim()), { output: 'Hello, package!', suite: 'function' });
  });

  test('without better-sqlite3 it loads from ESM and CommonJS, and only opening SQLite fails, naming the package', () => {
    const dir = scratchProject('no-sqlite-app', { withSqlite: false });
    const check = `
      const loaded = typeof Client === 'function' && typeof PostgresProvider.connect === 'function';
      let message = 'opened';
      try { await SqliteProvider.inMemory(); } catch (error) { message = error.code + ': ' + error.message; }
      console.log(JSON.stringify({ loaded, message }));`;
    for (const [file, source] of [
      [
        'main.mjs',
        `import { Client, PostgresProvider, SqliteProvider } from 'duroxide-ts'; ${check}`,
      ],
      [
        'main.cjs',
        `const { Client, PostgresProvider, SqliteProvider } = require('duroxide-ts');
         (async () => { ${check} })();`,
      ],
    ] as const) {
      const { code, out } = run(dir, file, source);
      assert.equal(code, 0, out);
      const result = JSON.parse(out.trim()) as { loaded: boolean; message: string };
      assert.equal(result.loaded, true, file);
      assert.match(
        result.message,
        /^PROVIDER_ERROR: .*'better-sqlite3'.*npm install better-sqlite3/,
      );
    }
  });

  test("the package's bin runs the CLI", () => {
    const dir = scratchProject('cli-app', { withSqlite: true });
    const manifest = JSON.parse(
      readFileSync(join(dir, 'node_modules', 'duroxide-ts', 'package.json'), 'utf8'),
    ) as { bin: Record<string, string> };
    const bin = manifest.bin['duroxide'];
    assert.ok(bin);
    const result = spawnSync(
      process.execPath,
      [join(dir, 'node_modules', 'duroxide-ts', bin), '--help'],
      { cwd: dir, encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Usage: duroxide/);
  });
});
