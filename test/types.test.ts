/**
 * The compile-only type tests in test/types/ prove what they claim: each file compiles as it
 * is, and each line marked `@ts-expect-error` really is an error — compiled with the markers
 * removed, every marked line fails and no other line does. (An unused marker already fails the
 * build; this also catches a marker that silences a different error than the one it names by
 * position, and runs the check as a test.)
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const typesDir = join(repoRoot, 'test', 'types');
const MARKER = /^\s*\/\/ @ts-expect-error\b.*$/;

function compilerOptions(): ts.CompilerOptions {
  const configFile = join(repoRoot, 'tsconfig.json');
  const { config } = ts.readConfigFile(configFile, (f) => ts.sys.readFile(f));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, repoRoot);
  return { ...parsed.options, noEmit: true, incremental: false, composite: false };
}

/** The previous program: the second compile of a file reuses everything but that file. */
let previous: ts.Program | undefined;

/** 1-based line numbers of the errors in `file` when its text is `text`. */
function errorLines(file: string, text: string): { lines: number[]; messages: string[] } {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === file ? text : readFile(name));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError, shouldCreate) =>
    name === file
      ? ts.createSourceFile(name, text, language)
      : getSourceFile(name, language, onError, shouldCreate);
  const program = ts.createProgram([file], options, host, previous);
  previous = program;
  const source = program.getSourceFile(file);
  assert.ok(source, `${file} was not compiled`);
  const diagnostics = [
    ...program.getSyntacticDiagnostics(source),
    ...program.getSemanticDiagnostics(source),
  ];
  return {
    lines: diagnostics.map((d) => source.getLineAndCharacterOfPosition(d.start ?? 0).line + 1),
    messages: diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  };
}

describe('compile-only type tests', () => {
  const files = readdirSync(typesDir).filter((f) => f.endsWith('.ts'));

  test('there are type test files', () => {
    assert.ok(files.length > 0);
  });

  for (const name of files) {
    test(`${name} compiles, and each @ts-expect-error line is an error without its marker`, () => {
      const file = join(typesDir, name).replace(/\\/g, '/');
      const original = readFileSync(file, 'utf8');
      const asIs = errorLines(file, original);
      assert.deepEqual(asIs.messages, [], `${name} must compile as it is`);

      // Replace each marker with an empty line, so line numbers stay the same.
      const lines = original.split('\n');
      const expected: number[] = [];
      const stripped = lines.map((line, i) => {
        if (!MARKER.test(line)) return line;
        expected.push(i + 2); // the line after the marker
        return '';
      });
      assert.ok(expected.length > 0, `${name} has no @ts-expect-error lines`);
      const found = errorLines(file, stripped.join('\n'));
      const failing = new Set(found.lines);
      const silent = expected.filter((line) => !failing.has(line));
      assert.deepEqual(silent, [], `marked lines that compile without their marker`);
      const unexpected = found.lines.filter((line) => !expected.includes(line));
      assert.deepEqual(unexpected, [], `errors on unmarked lines: ${found.messages.join(' | ')}`);
    });
  }
});
