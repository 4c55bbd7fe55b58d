/**
 * Guard: the project's docs and comments cite only the project's own files. A citation of a
 * document outside the repository (the Duroxide reference spec, a house-style or design note in
 * a sibling folder) is a dead link for every reader of the package; cite docs/ or an ADR in
 * docs/decisions/ instead, or state the rule where it applies.
 *
 * Scans the sources (.ts files of src/, test/, examples/, bench/), the Markdown under docs/,
 * README.md, CHANGELOG.md and the build/CI configuration.
 * @module
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
/** This file runs as .build/test/doc-citations.test.js: the repo root is two levels up. */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Citations of files outside the repository, with what to write instead. */
const FORBIDDEN = [
    { pattern: /\bSPEC\b/, what: 'the Duroxide reference spec (SPEC.md / SPEC §…)' },
    { pattern: /\bSTYLE\.md\b/, what: 'STYLE.md (a house-style note outside the repository)' },
    { pattern: /\bDESIGN\.md\b/, what: 'DESIGN.md (a design note outside the repository)' },
    {
        pattern: /\bAPI\.md\b/,
        what: 'API.md (not in the repository; the API is documented in README.md and TSDoc)',
    },
    {
        pattern: /(?:\.\.\/)+shared\/[\w.-]+\.md\b|\/work\/shared\b/,
        what: 'a file in ../shared (outside the repository)',
    },
];
const ROOTS = ['src', 'test', 'examples', 'bench', 'docs', '.ci'];
const FILES = [
    'README.md',
    'CHANGELOG.md',
    'eslint.config.js',
    'tsup.config.ts',
    'package.json',
    'knip.jsonc',
];
const EXTENSIONS = new Set(['.ts', '.md', '.js', '.json', '.jsonc', '']);
/**
 * Files still being rewritten on other branches when this guard was added; their citations are
 * replaced when those branches land. Every entry must exist, so a moved or deleted file fails
 * here and the entry gets removed.
 */
const PENDING = [];
/** This file names the patterns it forbids. */
const SELF = 'test/doc-citations.test.ts';
function listFiles(dir) {
    if (!fs.existsSync(dir))
        return [];
    const out = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory())
            out.push(...listFiles(full));
        else if (entry.isFile() && EXTENSIONS.has(path.extname(entry.name)))
            out.push(full);
    }
    return out;
}
/** Violations in one file's text, as "path:line cites …; …". */
function findCitations(rel, text) {
    const found = [];
    text.split('\n').forEach((line, i) => {
        for (const { pattern, what } of FORBIDDEN) {
            if (pattern.test(line)) {
                found.push(`${rel}:${i + 1} cites ${what}: cite docs/ or docs/decisions/ instead, or state the rule ("${line.trim().slice(0, 100)}")`);
            }
        }
    });
    return found;
}
function repoFiles() {
    const files = ROOTS.flatMap((root) => listFiles(path.join(repoRoot, root)));
    files.push(...FILES.map((f) => path.join(repoRoot, f)).filter((f) => fs.existsSync(f)));
    return files.map((f) => path.relative(repoRoot, f).split(path.sep).join('/')).sort();
}
describe('documentation cites only files in the repository', () => {
    test('no source, doc or config file cites SPEC.md, STYLE.md, DESIGN.md or ../shared', () => {
        const files = repoFiles();
        assert.ok(files.includes('README.md') && files.some((f) => f.startsWith('src/')), 'scan found no files');
        const violations = files
            .filter((rel) => rel !== SELF && !PENDING.includes(rel))
            .flatMap((rel) => findCitations(rel, fs.readFileSync(path.join(repoRoot, rel), 'utf8')));
        assert.deepEqual(violations, [], `${violations.length} citation(s) of files outside the repository:\n  ${violations.join('\n  ')}`);
    });
    test('every file exempted while other branches rewrite it still exists', () => {
        for (const rel of PENDING) {
            assert.ok(fs.existsSync(path.join(repoRoot, rel)), `${rel} is gone: remove it from PENDING in ${SELF}`);
        }
    });
    test('the check flags a spec section, a style note and a sibling-folder path, but not the providers/shared/ folder', () => {
        const sample = [
            '/** Terminal events end an execution (SPEC §2.2). */',
            '// layering as in STYLE.md §2',
            'see ../shared/DESIGN.md',
            "import { encodeCursor } from '../shared/instance-cursor.js';",
            'The shared provider layer lives in src/providers/shared/.',
        ].join('\n');
        const found = findCitations('src/x.ts', sample);
        assert.deepEqual(found.map((v) => v.slice(0, v.indexOf(' cites'))), ['src/x.ts:1', 'src/x.ts:2', 'src/x.ts:3', 'src/x.ts:3']);
    });
});
//# sourceMappingURL=doc-citations.test.js.map