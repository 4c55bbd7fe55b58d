/**
 * `duroxide-ts/testing` (the test kit and the provider conformance suite) is published for both
 * module systems.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('duroxide-ts/testing exports the test kit and runProviderConformance to import and require', async () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    exports: Record<string, { import: { default: string }; require: { default: string } }>;
  };
  const entry = pkg.exports['./testing'];
  assert.ok(entry, 'package.json exports ./testing');
  const esm = (await import(join(root, entry.import.default))) as Record<string, unknown>;
  const cjs = createRequire(import.meta.url)(join(root, entry.require.default)) as Record<
    string,
    unknown
  >;
  const names = [
    'ReplayHistoryError',
    'TestEnvironment',
    'createTestEnvironment',
    'replayHistory',
    'runProviderConformance',
  ];
  assert.deepEqual(Object.keys(esm).sort(), names);
  assert.deepEqual(Object.keys(cjs).sort(), names);
  for (const name of names) assert.equal(typeof esm[name], 'function', name);
});
