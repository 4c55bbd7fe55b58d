/**
 * `duroxide-ts/testing` (the provider conformance suite) is published for both module systems.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
test('duroxide-ts/testing exports runProviderConformance to import and require', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const entry = pkg.exports['./testing'];
    assert.ok(entry, 'package.json exports ./testing');
    const esm = (await import(join(root, entry.import.default)));
    const cjs = createRequire(import.meta.url)(join(root, entry.require.default));
    assert.deepEqual(Object.keys(esm).sort(), ['runProviderConformance']);
    assert.deepEqual(Object.keys(cjs).sort(), ['runProviderConformance']);
    assert.equal(typeof esm['runProviderConformance'], 'function');
});
//# sourceMappingURL=testing-export.test.js.map