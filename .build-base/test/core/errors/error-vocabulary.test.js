/**
 * One error vocabulary: every exported code is documented in docs/errors.md and used in src/,
 * the error classes take category and retryability from the code, and a failure has one stored
 * kind however it was raised.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ActivityFailedError, CannotDeleteSubOrchestrationError, ConfigurationError, ERROR_CODES, InstanceAlreadyExistsError, InstanceNotFoundError, InstanceStillRunningError, InstanceTreeChangedError, InvalidInputError, NondeterminismError, ProviderError, SchemaTooNewError, SubOrchestrationFailedError, TimeoutError, } from '../../../src/index.js';
import { ERROR_VOCABULARY, storedKind } from '../../../src/core/errors/error-codes.js';
import { configurationError, displayMessage } from '../../../src/core/errors/error-details.js';
import { turn } from '../../helpers/engine-harness.js';
/** This file runs as .build/test/core/errors/error-vocabulary.test.js: the repo root is four levels up. */
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
function sourceFiles(dir) {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory())
            return sourceFiles(full);
        return entry.name.endsWith('.ts') ? [full] : [];
    });
}
describe('error vocabulary', () => {
    test('docs/errors.md lists exactly the exported error codes', () => {
        const doc = fs.readFileSync(path.join(repoRoot, 'docs', 'errors.md'), 'utf8');
        const documented = [...doc.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
        assert.equal(new Set(documented).size, documented.length, `a code is listed twice: ${documented.join(', ')}`);
        assert.deepEqual([...documented].sort(), Object.values(ERROR_CODES).sort());
    });
    test('every exported error code is used by source outside the vocabulary itself', () => {
        const vocabulary = path.join(repoRoot, 'src', 'core', 'errors', 'error-codes.ts');
        const text = sourceFiles(path.join(repoRoot, 'src'))
            .filter((file) => file !== vocabulary)
            .map((file) => fs.readFileSync(file, 'utf8'))
            .join('\n');
        const unused = Object.values(ERROR_CODES).filter((code) => !text.includes(`ERROR_CODES.${code}`) && !text.includes(`'${code}'`));
        assert.deepEqual(unused, []);
    });
    test('source throws no bare Error or TypeError outside the internal sites that never reach users', () => {
        // Each allowed site is internal: parseHistoryEvent's errors are wrapped by the providers into
        // ProviderError or a poisoned item; the replay engine's TypeErrors flag misuse of the engine by
        // the runtime (a bug in duroxide-ts, not bad input); the conformance suite's listener throws
        // on purpose to test that a failing listener is contained.
        const allowed = new Set([
            'src/core/history/history-event.ts',
            'src/core/replay/replay-engine.ts',
            'src/core/replay/execution-start.ts',
            'src/providers/validation/cases/provider-signal-cases.ts',
        ]);
        const offenders = sourceFiles(path.join(repoRoot, 'src'))
            .map((file) => path.relative(repoRoot, file).split(path.sep).join('/'))
            .filter((file) => !allowed.has(file))
            .filter((file) => /throw new (Error|TypeError|RangeError)\(/.test(fs.readFileSync(path.join(repoRoot, file), 'utf8')));
        assert.deepEqual(offenders, []);
    });
    test('every error class carries the category and retryability its code has in the vocabulary', () => {
        const errors = [
            new InvalidInputError('m'),
            new InstanceNotFoundError('i'),
            new InstanceAlreadyExistsError('i'),
            new InstanceStillRunningError('i'),
            new CannotDeleteSubOrchestrationError('i'),
            new InstanceTreeChangedError('i/c', 'i'),
            new TimeoutError('m'),
            new ProviderError('op', 'm', false),
            new SchemaTooNewError('m'),
            new ConfigurationError(ERROR_CODES.INVALID_REGISTRATION, 'm'),
            new ConfigurationError(ERROR_CODES.INVALID_STATE, 'm'),
            new NondeterminismError('m'),
            new ActivityFailedError('m', undefined),
            new SubOrchestrationFailedError('m', undefined),
        ];
        for (const e of errors) {
            const info = ERROR_VOCABULARY[e.code];
            assert.equal(e.category, info.category, `${e.name} (${e.code})`);
            assert.equal(e.retryable, info.retryable, `${e.name} (${e.code})`);
        }
        assert.equal(new ProviderError('op', 'm', true).retryable, true, 'a ProviderError decides retryability per error');
    });
    test('awaiting a non-durable promise is stored as NonDurableAwait, whether the engine or a thrown error reports it', async () => {
        const awaited = await turn(async () => {
            await new Promise(() => undefined);
        }, []);
        function* yieldsNonTask(ctx) {
            void ctx;
            yield 42;
        }
        const yielded = await turn(yieldsNonTask, []);
        for (const r of [awaited, yielded]) {
            assert.equal(r.status, 'Failed');
            assert.deepEqual([r.error?.category, r.error?.kind], ['configuration', 'NonDurableAwait'], JSON.stringify(r.error));
        }
        assert.equal(ERROR_VOCABULARY.NON_DURABLE_AWAIT.kind, 'NonDurableAwait');
    });
    test("a failure stored with a code as its kind by an earlier build reads as that code's kind", () => {
        assert.equal(storedKind('NON_DURABLE_AWAIT'), 'NonDurableAwait');
        assert.equal(storedKind('NonDurableAwait'), 'NonDurableAwait');
        assert.equal(storedKind('OrchestrationFailed'), 'OrchestrationFailed');
        const legacy = {
            category: 'configuration',
            kind: 'NONDETERMINISM',
            message: 'code changed',
        };
        assert.equal(displayMessage(legacy), 'nondeterministic: code changed');
        assert.equal(configurationError(ERROR_CODES.NONDETERMINISM, 'x').kind, 'Nondeterminism');
    });
});
//# sourceMappingURL=error-vocabulary.test.js.map