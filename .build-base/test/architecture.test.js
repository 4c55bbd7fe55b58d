/**
 * Module boundaries (docs/architecture.md), checked without dependencies: every `src/**\/*.ts` file's
 * import specifiers are read from its text and compared with the layering table below.
 * A violation is reported in plain words with the file and line, e.g.
 * "src/core/x.ts:3 imports node:fs; core/ must stay pure".
 *
 * The scan strips comments (and, for the purity checks, string contents) so doc examples
 * like `import { Runtime } from 'duroxide-ts'` in a TSDoc block are not mistaken for imports.
 * @module
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
/** This file runs as .build/test/architecture.test.js: the repo root is two levels up. */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const srcRoot = path.join(repoRoot, 'src');
// ---------------------------------------------------------------------------------------------
// The layering table (docs/architecture.md; eslint.config.js has the same zones)
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- only its element type is used
const LAYERS = [
    'index',
    'core',
    'provider-contract',
    'shared',
    'sqlite',
    'postgres',
    'validation',
    'client',
    'runtime',
    'server',
    'cli',
    'testing',
];
const LAYER_LABEL = {
    index: 'src/index.ts',
    core: 'core/',
    'provider-contract': 'providers/provider.ts',
    shared: 'providers/shared/',
    sqlite: 'providers/sqlite/',
    postgres: 'providers/postgres/',
    validation: 'providers/validation/',
    client: 'client/',
    runtime: 'runtime/',
    server: 'server/',
    cli: 'cli/',
    testing: 'testing/',
};
const RULES = {
    core: {
        layers: ['core'],
        node: 'none',
        packages: [],
        reason: 'core/ must stay pure (deterministic replay; no I/O, no Node APIs)',
    },
    'provider-contract': {
        layers: ['core', 'provider-contract'],
        node: 'none',
        packages: [],
        reason: 'providers/provider.ts is the storage contract and may only use core/ types',
    },
    shared: {
        layers: ['core', 'provider-contract', 'shared'],
        node: 'none',
        packages: [],
        reason: 'providers/shared/ holds what the SQLite and PostgreSQL providers have in common and may only use core/ and providers/provider.ts (no driver, no Node APIs)',
    },
    sqlite: {
        layers: ['core', 'provider-contract', 'shared', 'sqlite'],
        node: 'all',
        packages: ['better-sqlite3'],
        reason: 'a provider may only use core/, providers/provider.ts, providers/shared/, its own files and its driver (better-sqlite3)',
    },
    postgres: {
        layers: ['core', 'provider-contract', 'shared', 'postgres'],
        node: 'all',
        packages: ['pg'],
        reason: 'a provider may only use core/, providers/provider.ts, providers/shared/, its own files and its driver (pg)',
    },
    validation: {
        layers: ['core', 'provider-contract', 'validation'],
        node: ['node:test', 'node:assert', 'node:assert/strict'],
        packages: [],
        reason: 'the conformance suite may only use core/, providers/provider.ts, node:test and node:assert, so it runs against any provider',
    },
    client: {
        layers: ['core', 'provider-contract', 'client'],
        node: 'none',
        packages: [],
        reason: 'client/ may only use core/ and providers/provider.ts',
    },
    runtime: {
        layers: ['core', 'provider-contract', 'client', 'runtime'],
        node: 'all',
        packages: [],
        reason: 'runtime/ may only use core/, providers/provider.ts, client/ and Node built-ins',
    },
    server: {
        layers: ['core', 'client', 'runtime', 'server'],
        node: 'all',
        packages: ['hono', '@hono/node-server', '@hono/zod-openapi'],
        reason: 'server/ may only use client/, runtime/ (read-only) and core/ types',
    },
    cli: {
        layers: ['core', 'server', 'client', 'runtime', 'sqlite', 'postgres', 'cli'],
        node: 'all',
        packages: ['commander'],
        reason: 'cli/ may only use server/, client/, runtime/ and the provider factories',
    },
    testing: {
        layers: ['core', 'provider-contract', 'sqlite', 'validation', 'client', 'runtime', 'testing'],
        node: 'all',
        packages: [],
        reason: 'testing/ holds public test helpers over the runtime, client and providers',
    },
};
/** Identifiers core/ may not call: replay must not see wall-clock time, randomness or timers. */
const CORE_FORBIDDEN_CALLS = [
    { pattern: /\bDate\s*\.\s*now\s*\(/g, what: 'Date.now()' },
    { pattern: /\bMath\s*\.\s*random\s*\(/g, what: 'Math.random()' },
    { pattern: /(?<![\w$.])setTimeout\s*\(/g, what: 'setTimeout()' },
    { pattern: /(?<![\w$.])setInterval\s*\(/g, what: 'setInterval()' },
    { pattern: /(?<![\w$.])setImmediate\s*\(/g, what: 'setImmediate()' },
];
/** Which layer a path relative to src/ (posix separators) belongs to, or undefined. */
function layerOf(rel) {
    if (rel === 'index.ts')
        return 'index';
    if (rel === 'providers/provider.ts' || rel === 'providers/provider-records.ts')
        return 'provider-contract';
    const prefixes = [
        ['core/', 'core'],
        ['providers/shared/', 'shared'],
        ['providers/sqlite/', 'sqlite'],
        ['providers/postgres/', 'postgres'],
        ['providers/validation/', 'validation'],
        ['client/', 'client'],
        ['runtime/', 'runtime'],
        ['server/', 'server'],
        ['cli/', 'cli'],
        ['testing/', 'testing'],
    ];
    for (const [prefix, layer] of prefixes)
        if (rel.startsWith(prefix))
            return layer;
    return undefined;
}
// ---------------------------------------------------------------------------------------------
// A tiny lexer: blank out comments (and optionally string contents), keeping offsets and lines
function isIdentChar(c) {
    return c !== undefined && /[\w$]/.test(c);
}
const REGEX_AFTER_WORDS = new Set([
    'return',
    'typeof',
    'instanceof',
    'in',
    'of',
    'new',
    'delete',
    'void',
    'throw',
    'case',
    'do',
    'else',
    'yield',
    'await',
]);
/**
 * Returns `source` with comments replaced by spaces (newlines kept, so offsets and line numbers
 * stay valid). With `blankStrings`, the contents of string, template and regex literals are
 * blanked too (template `${...}` expressions are kept as code).
 */
function maskSource(source, blankStrings) {
    const out = source.split('');
    const n = source.length;
    const blank = (from, to, force) => {
        if (!force)
            return;
        for (let k = from; k < to && k < n; k++)
            if (out[k] !== '\n')
                out[k] = ' ';
    };
    const templateBraceDepths = [];
    let braceDepth = 0;
    /** The last significant token: a punctuator character, or 'word:<identifier>' / 'value'. */
    let last = '(';
    /** Scans template text from `start` (just after ` or }); returns the index to continue at. */
    const scanTemplate = (start) => {
        let j = start;
        while (j < n) {
            const c = source[j];
            if (c === '\\') {
                j += 2;
            }
            else if (c === '`') {
                blank(start, j, blankStrings);
                last = 'value';
                return j + 1;
            }
            else if (c === '$' && source[j + 1] === '{') {
                blank(start, j, blankStrings);
                templateBraceDepths.push(braceDepth);
                last = '(';
                return j + 2;
            }
            else {
                j++;
            }
        }
        blank(start, n, blankStrings);
        return n;
    };
    let i = 0;
    while (i < n) {
        const c = source[i];
        const d = source[i + 1];
        if (c === '/' && d === '/') {
            const nl = source.indexOf('\n', i);
            const end = nl === -1 ? n : nl;
            blank(i, end, true);
            i = end;
        }
        else if (c === '/' && d === '*') {
            const close = source.indexOf('*/', i + 2);
            const end = close === -1 ? n : close + 2;
            blank(i, end, true);
            i = end;
        }
        else if (c === "'" || c === '"') {
            let j = i + 1;
            while (j < n && source[j] !== c && source[j] !== '\n')
                j += source[j] === '\\' ? 2 : 1;
            blank(i + 1, j, blankStrings);
            last = 'value';
            i = j + 1;
        }
        else if (c === '`') {
            i = scanTemplate(i + 1);
        }
        else if (c === '}' && templateBraceDepths.at(-1) === braceDepth) {
            templateBraceDepths.pop();
            i = scanTemplate(i + 1);
        }
        else if (c === '/' &&
            (last.length === 1 ? last !== ')' && last !== ']' : REGEX_AFTER_WORDS.has(last.slice(5)))) {
            let j = i + 1;
            let inClass = false;
            while (j < n && source[j] !== '\n') {
                const r = source[j];
                if (r === '\\') {
                    j += 2;
                    continue;
                }
                if (r === '[')
                    inClass = true;
                else if (r === ']')
                    inClass = false;
                else if (r === '/' && !inClass)
                    break;
                j++;
            }
            blank(i + 1, j, blankStrings);
            i = j + 1;
            while (isIdentChar(source[i]))
                i++;
            last = 'value';
        }
        else if (isIdentChar(c)) {
            let j = i;
            while (isIdentChar(source[j]))
                j++;
            const word = source.slice(i, j);
            last = /^\d/.test(word) ? 'value' : `word:${word}`;
            i = j;
        }
        else {
            if (c === '{')
                braceDepth++;
            else if (c === '}')
                braceDepth--;
            if (!/\s/.test(c))
                last = c;
            i++;
        }
    }
    return out.join('');
}
const IMPORT_PATTERNS = [
    // import x from '...', import { a, type B } from '...', export * from '...', export { a } from '...'
    /\b(?:import|export)\s+(?:type\s+)?[\w$\s{},*]*?\bfrom\s*(['"])([^'"\n]+)\1/g,
    // import '...'
    /\bimport\s*(['"])([^'"\n]+)\1/g,
    // import('...')
    /\bimport\s*\(\s*(['"])([^'"\n]+)\1\s*[,)]/g,
    // require('...'), including import x = require('...')
    /(?<![\w$.])require\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g,
];
function lineAt(text, offset) {
    let line = 1;
    for (let k = 0; k < offset; k++)
        if (text.charCodeAt(k) === 10)
            line++;
    return line;
}
function extractImports(source) {
    const code = maskSource(source, false);
    // Same offsets with string contents blanked: a match whose keyword is blank there sits
    // inside a string literal (an error message, a doc snippet) and is not an import.
    const bare = maskSource(source, true);
    const found = new Map();
    for (const pattern of IMPORT_PATTERNS) {
        for (const m of code.matchAll(pattern)) {
            if (bare[m.index ?? 0] === ' ')
                continue;
            const specifier = m[2];
            const offset = (m.index ?? 0) + m[0].lastIndexOf(specifier);
            if (!found.has(offset))
                found.set(offset, { specifier, line: lineAt(code, offset) });
        }
    }
    return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, ref]) => ref);
}
// ---------------------------------------------------------------------------------------------
// Checking
const NODE_BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));
function isNodeBuiltin(specifier) {
    if (specifier.startsWith('node:'))
        return true;
    return NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split('/')[0]);
}
function packageName(specifier) {
    const parts = specifier.split('/');
    return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
function listSourceFiles(dir) {
    const files = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory())
            files.push(...listSourceFiles(full));
        else if (entry.isFile() && entry.name.endsWith('.ts'))
            files.push(full);
    }
    return files.sort();
}
function toPosix(p) {
    return p.split(path.sep).join('/');
}
/** Checks one file; returns plain-word violations. `rel` is the path relative to src/. */
function checkFile(rel, source) {
    const where = `src/${rel}`;
    const from = layerOf(rel);
    if (from === undefined) {
        return [
            `${where} is in a folder with no row in the layering table (docs/architecture.md); ` +
                `move it into an existing layer, or add the folder to the table and to test/architecture.test.ts`,
        ];
    }
    if (from === 'index')
        return [];
    const rule = RULES[from];
    const violations = [];
    for (const { specifier, line } of extractImports(source)) {
        const at = `${where}:${line}`;
        if (specifier.startsWith('.') || specifier.startsWith('/')) {
            const target = toPosix(path.relative(srcRoot, path.resolve(srcRoot, path.dirname(rel), specifier)));
            if (target.startsWith('..') || path.isAbsolute(target)) {
                violations.push(`${at} imports '${specifier}', which is outside src/; ${rule.reason}`);
                continue;
            }
            const targetTs = target.replace(/\.(js|mjs|cjs)$/, '.ts');
            const to = layerOf(targetTs);
            if (to === 'index') {
                violations.push(`${at} imports the root barrel src/index.ts; import the module that defines the name instead`);
            }
            else if (to === undefined || !rule.layers.includes(to)) {
                const toLabel = to === undefined ? `src/${targetTs}` : LAYER_LABEL[to];
                violations.push(`${at} imports ${toLabel} (${specifier}); ${rule.reason}`);
            }
        }
        else if (isNodeBuiltin(specifier)) {
            const name = specifier.startsWith('node:') ? specifier : `node:${specifier}`;
            const allowed = rule.node === 'all' || (rule.node !== 'none' && rule.node.includes(name));
            if (!allowed)
                violations.push(`${at} imports ${name}; ${rule.reason}`);
        }
        else if (!rule.packages.includes(packageName(specifier))) {
            violations.push(`${at} imports the package '${specifier}'; ${rule.reason}`);
        }
    }
    if (from === 'core') {
        const code = maskSource(source, true);
        for (const { pattern, what } of CORE_FORBIDDEN_CALLS) {
            for (const m of code.matchAll(pattern)) {
                violations.push(`${where}:${lineAt(code, m.index ?? 0)} calls ${what}; core/ must stay pure ` +
                    `(deterministic replay): take time, randomness and scheduling from the injected clock/id sources`);
            }
        }
    }
    return violations;
}
describe('architecture: module boundaries', () => {
    test('every src/ file imports only what its layer allows', () => {
        const violations = [];
        const files = listSourceFiles(srcRoot);
        assert.ok(files.length > 0, `no .ts files found under ${srcRoot}`);
        for (const file of files) {
            const rel = toPosix(path.relative(srcRoot, file));
            violations.push(...checkFile(rel, fs.readFileSync(file, 'utf8')));
        }
        assert.deepEqual(violations, [], `${violations.length} module-boundary violation(s):\n  ${violations.join('\n  ')}`);
    });
});
describe('architecture: the lint rules', () => {
    test('the import zones of eslint.config.js allow each layer exactly what the layering table allows', async () => {
        const config = (await import(pathToFileURL(path.join(repoRoot, 'eslint.config.js')).href));
        const fromLint = Object.fromEntries(Object.entries(config.LAYERS).map(([layer, { path: p, may }]) => [
            layer,
            { folder: p.endsWith('.ts') ? p : `${p}/`, may: [...may].sort() },
        ]));
        const fromTable = Object.fromEntries(Object.entries(RULES).map(([layer, rule]) => [
            layer,
            { folder: LAYER_LABEL[layer], may: [...rule.layers].sort() },
        ]));
        assert.deepEqual(fromLint, fromTable);
    });
});
describe('architecture: the scanner itself', () => {
    test('finds static, side-effect, re-export, dynamic and require imports', () => {
        const source = [
            "import a from './a.js';",
            "import type { B } from '../b.js';",
            'import {',
            '  c,',
            '  type D,',
            "} from 'node:fs';",
            "import 'node:crypto';",
            "export * from './e.js';",
            "export { f } from './f.js';",
            "const g = await import('pg');",
            "const h = require('better-sqlite3');",
        ].join('\n');
        assert.deepEqual(extractImports(source), [
            { specifier: './a.js', line: 1 },
            { specifier: '../b.js', line: 2 },
            { specifier: 'node:fs', line: 6 },
            { specifier: 'node:crypto', line: 7 },
            { specifier: './e.js', line: 8 },
            { specifier: './f.js', line: 9 },
            { specifier: 'pg', line: 10 },
            { specifier: 'better-sqlite3', line: 11 },
        ]);
    });
    test('ignores imports written inside comments and strings', () => {
        const source = [
            '/**',
            " * @example import { Runtime } from 'duroxide-ts';",
            ' */',
            "// import fs from 'node:fs';",
            'const s = "import x from \'node:os\'";',
            "const url = 'sqlite://x'; import y from './y.js';",
        ].join('\n');
        assert.deepEqual(extractImports(source), [{ specifier: './y.js', line: 6 }]);
    });
    test('reports a node built-in imported by core/ in plain words', () => {
        assert.deepEqual(checkFile('core/x.ts', "import fs from 'node:fs';\n"), [
            'src/core/x.ts:1 imports node:fs; core/ must stay pure (deterministic replay; no I/O, no Node APIs)',
        ]);
    });
    test('reports Date.now() and Math.random() in core/ code but not in its comments or strings', () => {
        const source = [
            '// Date.now() is not allowed here',
            "const msg = 'do not call Math.random() or setTimeout() in orchestrations';",
            'const t = Date.now();',
            'const r = Math.random();',
            'const re = /Date.now()/;',
        ].join('\n');
        const violations = checkFile('core/clock.ts', source);
        assert.equal(violations.length, 2, violations.join('\n'));
        assert.match(violations[0], /^src\/core\/clock\.ts:3 calls Date\.now\(\)/);
        assert.match(violations[1], /^src\/core\/clock\.ts:4 calls Math\.random\(\)/);
    });
    test('reports a provider importing the runtime and a client importing a provider', () => {
        assert.match(checkFile('providers/sqlite/x.ts', "import { Runtime } from '../../runtime/runtime.js';\n")[0] ?? '', /^src\/providers\/sqlite\/x\.ts:1 imports runtime\/ /);
        assert.match(checkFile('client/x.ts', "import { SqliteProvider } from '../providers/sqlite/sqlite-provider.js';\n")[0] ?? '', /^src\/client\/x\.ts:1 imports providers\/sqlite\/ /);
    });
    test('allows each layer its own files, core/, the contract and its driver', () => {
        const sqlite = [
            "import type Database from 'better-sqlite3';",
            "import { randomUUID } from 'node:crypto';",
            "import type { Provider } from '../provider.js';",
            "import { ProviderError } from '../../core/errors/duroxide-error.js';",
            "import { x } from './statements/x.js';",
        ].join('\n');
        assert.deepEqual(checkFile('providers/sqlite/sqlite-provider.ts', sqlite), []);
        assert.deepEqual(checkFile('providers/validation/cases/x.ts', "import assert from 'node:assert/strict';\nimport { test } from 'node:test';\n"), []);
        assert.match(checkFile('providers/validation/x.ts', "import { setTimeout } from 'node:timers/promises';\n")[0] ?? '', /imports node:timers\/promises; the conformance suite/);
    });
    test('lets both providers import providers/shared/ but keeps it free of drivers, Node APIs and provider code', () => {
        const shared = "import { encodeCursor } from '../shared/instance-cursor.js';\n";
        assert.deepEqual(checkFile('providers/sqlite/x.ts', shared), []);
        assert.deepEqual(checkFile('providers/postgres/x.ts', shared), []);
        assert.deepEqual(checkFile('providers/shared/x.ts', "import type { Provider } from '../provider.js';\nimport { InvalidInputError } from '../../core/errors/duroxide-error.js';\n"), []);
        assert.match(checkFile('providers/shared/x.ts', "import { table } from '../postgres/statements/statement-context.js';\n")[0] ?? '', /^src\/providers\/shared\/x\.ts:1 imports providers\/postgres\/ .*providers\/shared\/ holds/);
        assert.match(checkFile('providers/shared/x.ts', "import pg from 'pg';\n")[0] ?? '', /imports the package 'pg'/);
        assert.match(checkFile('providers/shared/x.ts', "import { Buffer } from 'node:buffer';\n")[0] ?? '', /imports node:buffer/);
        assert.match(checkFile('providers/validation/x.ts', "import { encodeCursor } from '../shared/instance-cursor.js';\n")[0] ?? '', /imports providers\/shared\//);
    });
    test('flags a file in a folder the table does not know', () => {
        assert.match(checkFile('utils/x.ts', '')[0] ?? '', /no row in the layering table/);
    });
});
//# sourceMappingURL=architecture.test.js.map