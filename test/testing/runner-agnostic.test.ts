/**
 * `duroxide-ts/testing` loads and runs a test environment where `node:test` cannot be imported
 * (as under vitest or jest): a child process blocks `node:test` for both module systems, then
 * imports and requires the built entry and runs an orchestration with a one-week timer.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Runs in the child: blocks node:test, then loads the kit both ways and uses it. */
const CHILD = String.raw`
import { register, createRequire } from 'node:module';
import Module from 'node:module';
const { KIT_ESM: esmPath, KIT_CJS: cjsPath } = process.env;
const blocked = (s) => s === 'node:test' || s === 'test';
register('data:text/javascript,' + encodeURIComponent(
  "export async function resolve(s, c, next) { if (s === 'node:test' || s === 'test') throw new Error('node:test is blocked'); return next(s, c); }"));
const load = Module._load;
Module._load = function (request, ...rest) {
  if (blocked(request)) throw new Error('node:test is blocked');
  return load.call(this, request, ...rest);
};
const require = createRequire(import.meta.url);
const refused = [];
try { await import('node:test'); } catch { refused.push('import'); }
try { require('node:test'); } catch { refused.push('require'); }
const esm = await import(esmPath);
const cjs = require(cjsPath);
const outputs = [];
for (const kit of [esm, cjs]) {
  const env = await kit.createTestEnvironment({
    orchestrations: { Week: async (ctx) => { await ctx.scheduleTimer(7 * 86_400_000); return 'a week later'; } },
  });
  const before = env.now();
  outputs.push(await env.run('Week'), env.now() - before >= 7 * 86_400_000);
  await env.close();
}
console.log(JSON.stringify({ refused, outputs }));
`;

test('the testing entry imports, requires and runs with node:test blocked', async () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    exports: Record<string, { import: { default: string }; require: { default: string } }>;
  };
  const entry = pkg.exports['./testing'];
  assert.ok(entry);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '--eval', CHILD],
    {
      cwd: root,
      env: {
        ...process.env,
        KIT_ESM: join(root, entry.import.default),
        KIT_CJS: join(root, entry.require.default),
      },
    },
  );
  assert.deepEqual(JSON.parse(stdout.trim().split('\n').at(-1)!), {
    refused: ['import', 'require'],
    outputs: ['a week later', true, 'a week later', true],
  });
});
