/**
 * Orchestration code cannot settle a task itself: `DurableTask` has no `settle` method at run
 * time, and the published declarations list none of the engine's hooks (`@internal` members
 * are stripped), so completing a timer or an activity that never happened is impossible from
 * user code.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DurableTask } from '../../src/index.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe('DurableTask public surface', () => {
  test('a task has no settle method at run time', () => {
    const names = Object.getOwnPropertyNames(DurableTask.prototype);
    assert.equal(names.includes('settle'), false, names.join(', '));
    assert.equal('settle' in DurableTask.prototype, false);
  });

  test("the published declarations show none of the engine's hooks", () => {
    // tsup puts declarations the entries share into chunks (`dist/runtime-<hash>.d.ts`), so
    // read every declaration file of each module format.
    for (const ext of ['.d.ts', '.d.cts']) {
      const file = `dist/*${ext}`;
      const text = readdirSync(`${repoRoot}dist`)
        .filter((name) => name.endsWith(ext))
        .map((name) => readFileSync(`${repoRoot}dist/${name}`, 'utf8'))
        .join('\n');
      const start = text.indexOf('declare class DurableTask<T>');
      assert.ok(start >= 0, `${file} declares DurableTask`);
      const body = text.slice(start, text.indexOf('\n}', start));
      for (const hook of [
        'settle',
        'onSettle',
        'mapValue',
        'setTagHandler',
        'internals',
        'hasWaiters',
      ]) {
        assert.doesNotMatch(body, new RegExp(`\\b${hook}\\b`), `${file}: ${hook}`);
      }
      assert.match(body, /\bwithTag\(/);
    }
  });
});
