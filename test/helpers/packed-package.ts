/**
 * The package as a user installs it, offline: `npm pack` of this repository (built), unpacked
 * into a scratch project's node_modules as npm would place it — its declared and optional
 * dependencies linked from this repository's node_modules, its bins linked into
 * node_modules/.bin — so it works right after `npm ci` with no registry.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** `npm pack` into `destination`: the tarball's path and the files it holds. */
export function packPackage(destination: string): { tarball: string; files: string[] } {
  // --ignore-scripts: `prepare` would rebuild dist/ (and empty .build/) under the running tests.
  const out = execFileSync(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', destination],
    { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const [packed] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  assert.ok(packed, 'npm pack made no tarball');
  return { tarball: join(destination, packed.filename), files: packed.files.map((f) => f.path) };
}

/**
 * A scratch project at `dir` with `tarball` installed; `withSqlite: false` leaves the optional
 * better-sqlite3 out (a failed native build).
 */
export function installPacked(
  tarball: string,
  dir: string,
  options: { readonly withSqlite?: boolean } = {},
): void {
  const modules = join(dir, 'node_modules');
  const pkgDir = join(modules, 'duroxide-ts');
  mkdirSync(pkgDir, { recursive: true });
  mkdirSync(join(modules, '.bin'), { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']);
  const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
    bin?: Record<string, string>;
  };
  const deps = [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
  ].filter((dep) => options.withSqlite !== false || dep !== 'better-sqlite3');
  for (const dep of deps) {
    const link = join(modules, dep);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules', dep), link, 'dir');
  }
  for (const [name, file] of Object.entries(manifest.bin ?? {})) {
    chmodSync(join(pkgDir, file), 0o755);
    symlinkSync(join('..', 'duroxide-ts', file), join(modules, '.bin', name));
  }
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'scratch',
      private: true,
      dependencies: { 'duroxide-ts': `file:${tarball}` },
    }),
  );
}
