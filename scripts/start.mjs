// `npm start`: builds only when a source changed since the last build (quietly; the build's
// output is shown only if it fails), then runs the demo (examples/demo.ts): the runtime, the
// management server and the dashboard. Plain JavaScript, so it runs before anything is built.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const SOURCES = ['src', 'examples', 'dashboard', 'package.json', 'tsconfig.json', 'tsup.config.ts'];
const OUTPUTS = ['.build/examples/demo.js', 'dist/index.js', 'dist/dashboard/index.html'];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

const outputs = OUTPUTS.map((p) => join(root, p));
const builtAt = outputs.every((p) => existsSync(p))
  ? Math.min(...outputs.map((p) => statSync(p).mtimeMs))
  : 0;
const changedAt = Math.max(
  ...SOURCES.map((p) => join(root, p))
    .filter(existsSync)
    .map(newest),
);
if (changedAt > builtAt) {
  process.stdout.write('building (sources changed since the last build)…\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}build failed\n`);
    process.exit(build.status ?? 1);
  }
}
await import(pathToFileURL(join(root, '.build/examples/demo.js')).href);
