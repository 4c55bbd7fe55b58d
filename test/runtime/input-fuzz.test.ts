/**
 * Property, on both stores: ids, names, payloads and options thrown at the Client and the Runtime
 * give either success or a clear DuroxideError (INVALID_INPUT and kin) — and afterwards the
 * queue still runs: a normal instance started after the storm completes.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Client, isDuroxideError, Runtime, type RuntimeOptions } from '../../src/index.js';
import { uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS, testStore } from '../helpers/test-store.js';

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\uD800', 'a\uDFFFb', 'x'.repeat(5_000), '\u0000', '🙂'),
);
const payload = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(undefined, Number.NaN, Infinity, 10n, () => 1, Symbol('s'), new Date(0)),
  fc.string({ minLength: 2000, maxLength: 3000 }),
);

function expectTyped(error: unknown): void {
  assert.ok(
    isDuroxideError(error),
    `untyped ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
  );
}

for (const kind of STORE_KINDS) {
  describe(`fuzzed client and runtime input (${kind})`, () => {
    test('any id, name, payload or option is accepted or refused with a typed error, and the queue keeps running', async (t) => {
      const store = await testStore(t, kind);
      const provider = await store.open();
      const client = new Client(provider, { maxPayloadBytes: 2048 });
      await fc.assert(
        fc.asyncProperty(text, text, payload, async (id, name, input) => {
          try {
            await client.startOrchestration(id, name, input);
          } catch (error) {
            expectTyped(error);
          }
          try {
            await client.raiseEvent(id, name, input);
          } catch (error) {
            expectTyped(error);
          }
        }),
        { numRuns: kind === 'sqlite' ? 150 : 60, seed: 14 },
      );
      fc.assert(
        fc.property(
          fc.dictionary(
            fc.constantFrom<keyof RuntimeOptions>(
              'orchestrationConcurrency',
              'workerConcurrency',
              'maxAttempts',
              'orchestrationCodeTimeoutMs',
              'activityTimeoutMs',
              'dispatcherPollIntervalMs',
            ),
            fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)),
          ),
          (options) => {
            try {
              new Runtime(provider, { ...options, logLevel: 'off' });
            } catch (error) {
              expectTyped(error);
            }
          },
        ),
        { numRuns: 200, seed: 14 },
      );
      const runtime = new Runtime(await store.open(), { logLevel: 'off' });
      runtime.registerOrchestration('Plain', async (_ctx, n: number) => n + 1);
      await runtime.start();
      t.after(() => runtime.shutdown(2000));
      const after = uid('after-storm');
      await client.startOrchestration(after, 'Plain', 1);
      assert.equal((await client.waitForOrchestration(after, 30_000)).output, 2);
    });
  });
}
