/**
 * The published surface: the names exported by the built package, seen through `import()`
 * (dist/index.js) and `require()` (dist/index.cjs), must equal the checked-in list in
 * test/public-api.names.json, so an accidental export or an ESM/CJS drift fails CI.
 * Errors must stay `instanceof`-compatible across the two builds.
 *
 * Runs against dist/, so `npm test` builds first (`npm run build`).
 * @module
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
/** This file runs as .build/test/public-api.test.js: the repo root is two levels up. */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const esmEntry = new URL('../../dist/index.js', import.meta.url);
const cjsEntry = fileURLToPath(new URL('../../dist/index.cjs', import.meta.url));
const tscEntry = new URL('../src/index.js', import.meta.url);
const namesFile = `${repoRoot}test/public-api.names.json`;
let esm;
let cjs;
let tsc;
let expected;
before(async () => {
    for (const file of [fileURLToPath(esmEntry), cjsEntry]) {
        assert.ok(fs.existsSync(file), `${file} is missing; run \`npm run build\` before the tests`);
    }
    esm = (await import(esmEntry.href));
    cjs = createRequire(import.meta.url)(cjsEntry);
    tsc = (await import(tscEntry.href));
    expected = JSON.parse(fs.readFileSync(namesFile, 'utf8'));
});
function exportNames(mod) {
    return Object.keys(mod)
        .filter((name) => name !== '__esModule' && name !== 'default')
        .sort();
}
function explainDrift(seen, where) {
    const added = seen.filter((n) => !expected.includes(n));
    const removed = expected.filter((n) => !seen.includes(n));
    return [
        `${where} exports differ from test/public-api.names.json.`,
        added.length > 0 ? `  exported but not listed: ${added.join(', ')}` : '',
        removed.length > 0 ? `  listed but not exported: ${removed.join(', ')}` : '',
        '  If the change is intended, update the list (and README.md / CHANGELOG.md); otherwise fix src/index.ts.',
    ]
        .filter((line) => line !== '')
        .join('\n');
}
describe('public API', () => {
    test('the checked-in name list is sorted and has no duplicates', () => {
        const sorted = [...new Set(expected)].sort();
        assert.deepEqual(expected, sorted, 'keep test/public-api.names.json sorted and unique');
    });
    test('the ESM build exports exactly the listed names', () => {
        const seen = exportNames(esm);
        assert.deepEqual(seen, expected, explainDrift(seen, 'import("duroxide-ts") (dist/index.js)'));
    });
    test('the CJS build exports exactly the listed names', () => {
        const seen = exportNames(cjs);
        assert.deepEqual(seen, expected, explainDrift(seen, 'require("duroxide-ts") (dist/index.cjs)'));
    });
    test('the compiled src/index.ts exports exactly the listed names', () => {
        const seen = exportNames(tsc);
        assert.deepEqual(seen, expected, explainDrift(seen, 'src/index.ts (as compiled by tsc)'));
    });
    test('no export is undefined in either build', () => {
        for (const name of expected) {
            assert.notEqual(esm[name], undefined, `ESM export ${name} is undefined`);
            assert.notEqual(cjs[name], undefined, `CJS export ${name} is undefined`);
            assert.equal(typeof esm[name], typeof cjs[name], `${name} has a different type in ESM and CJS`);
        }
    });
    test('the package entry points expose Runtime, Client and SqliteProvider as classes', () => {
        for (const [label, mod] of [
            ['ESM', esm],
            ['CJS', cjs],
        ]) {
            for (const name of ['Runtime', 'Client', 'SqliteProvider']) {
                assert.equal(typeof mod[name], 'function', `${label} ${name} should be a class`);
            }
        }
    });
});
function errorClass(mod, name) {
    const cls = mod[name];
    assert.equal(typeof cls, 'function', `${name} should be exported as a class`);
    return cls;
}
describe('errors across the ESM and CJS builds', () => {
    test('an error created by the CJS build is instanceof the ESM class', () => {
        const err = new (errorClass(cjs, 'InvalidInputError'))('x');
        assert.ok(err instanceof errorClass(esm, 'InvalidInputError'));
        assert.ok(err instanceof errorClass(esm, 'DuroxideError'));
        assert.ok(err instanceof Error);
    });
    test('an error created by the ESM build is instanceof the CJS class', () => {
        const err = new (errorClass(esm, 'InvalidInputError'))('x');
        assert.ok(err instanceof errorClass(cjs, 'InvalidInputError'));
        assert.ok(err instanceof errorClass(cjs, 'DuroxideError'));
    });
    test('isDuroxideError from either build recognises errors from the other', () => {
        const esmGuard = esm['isDuroxideError'];
        const cjsGuard = cjs['isDuroxideError'];
        assert.equal(esmGuard(new (errorClass(cjs, 'TimeoutError'))('t')), true);
        assert.equal(cjsGuard(new (errorClass(esm, 'TimeoutError'))('t')), true);
        assert.equal(esmGuard(new Error('plain')), false);
        assert.equal(cjsGuard({ code: 'TIMEOUT' }), false);
    });
    test('a subclass from one build is not instanceof a sibling subclass from the other', () => {
        const err = new (errorClass(cjs, 'TimeoutError'))('t');
        assert.equal(err instanceof errorClass(esm, 'InvalidInputError'), false);
    });
    test('errors from both builds carry code, category and retryable', () => {
        for (const [label, mod] of [
            ['ESM', esm],
            ['CJS', cjs],
        ]) {
            const invalid = new (errorClass(mod, 'InvalidInputError'))('bad input');
            assert.equal(invalid.code, 'INVALID_INPUT', `${label} InvalidInputError.code`);
            assert.equal(invalid.category, 'application', `${label} InvalidInputError.category`);
            assert.equal(invalid.retryable, false, `${label} InvalidInputError.retryable`);
            const timeout = new (errorClass(mod, 'TimeoutError'))('too slow');
            assert.equal(timeout.code, 'TIMEOUT', `${label} TimeoutError.code`);
            assert.equal(typeof timeout.category, 'string', `${label} TimeoutError.category`);
            assert.equal(typeof timeout.retryable, 'boolean', `${label} TimeoutError.retryable`);
        }
    });
});
//# sourceMappingURL=public-api.test.js.map