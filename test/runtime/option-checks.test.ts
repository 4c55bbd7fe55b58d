/**
 * Runtime options and the in-code version policy are checked where they are given: an unknown
 * option name or a policy for code this runtime does not have is refused with a clear error.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ConfigurationError,
  InvalidInputError,
  Runtime,
  SqliteProvider,
  type RuntimeOptions,
} from '../../src/index.js';

async function provider(t: { after: (fn: () => Promise<void>) => void }): Promise<SqliteProvider> {
  const p = await SqliteProvider.inMemory();
  t.after(() => p.close());
  return p;
}

describe('runtime options', () => {
  test('an unknown option is refused, naming it and the known options', async (t) => {
    const p = await provider(t);
    assert.throws(
      () =>
        new Runtime(p, {
          dispatcherPollIntervalMs: 50,
          orchestrationConcurency: 2,
        } as RuntimeOptions),
      (e: unknown) =>
        e instanceof InvalidInputError &&
        /unknown runtime option 'orchestrationConcurency'/.test(e.message) &&
        /orchestrationConcurrency/.test(e.message),
    );
    assert.throws(
      () => new Runtime(p, { a: 1, b: 2 } as unknown as RuntimeOptions),
      /unknown runtime options 'a', 'b'/,
    );
  });

  test("duroxide-node's option names are accepted: serviceName, serviceVersion and the flat tag filter", async (t) => {
    const p = await provider(t);
    const records: string[] = [];
    const rt = new Runtime(p, {
      serviceName: 'billing',
      serviceVersion: '3.1.0',
      workerTagFilter: 'tags',
      workerTagFilterTags: ['gpu'],
      logLevel: 'info',
      logSink: (r) => records.push(JSON.stringify(r.fields)),
    });
    await rt.start();
    await rt.shutdown(1000);
    assert.ok(
      records.some(
        (r) => r.includes('"serviceName":"billing"') && r.includes('"serviceVersion":"3.1.0"'),
      ),
      records.join('\n'),
    );
    assert.throws(
      () => new Runtime(p, { workerTagFilterTags: ['gpu'] }),
      /workerTagFilterTags needs workerTagFilter 'tags' or 'defaultAnd'/,
    );
    assert.throws(
      () => new Runtime(p, { workerTagFilter: 'defaultAnd', workerTagFilterTags: [] }),
      /runtime option workerTagFilter must be/,
    );
    assert.throws(
      () => new Runtime(p, { serviceName: 7 as unknown as string }),
      /serviceName must be a string/,
    );
  });

  test('orchestrationConcurrency 0 is accepted and a negative one refused', async (t) => {
    const p = await provider(t);
    assert.ok(new Runtime(p, { orchestrationConcurrency: 0 }) instanceof Runtime);
    assert.throws(
      () => new Runtime(p, { orchestrationConcurrency: -1 }),
      /orchestrationConcurrency must be an integer from 0 to 10000/,
    );
  });

  test('slot counts and durations have upper bounds and NaN is reported as NaN', async (t) => {
    const p = await provider(t);
    for (const [options, pattern] of [
      [{ orchestrationConcurrency: 1e6 }, /orchestrationConcurrency .* 0 to 10000, got 1000000$/],
      [{ workerConcurrency: 1e8 }, /workerConcurrency .* 1 to 10000, got 100000000$/],
      [{ workerLockTimeoutMs: Number.NaN }, /workerLockTimeoutMs .*, got NaN$/],
      [{ dispatcherPollIntervalMs: Infinity }, /dispatcherPollIntervalMs .*, got Infinity$/],
      [{ orchestratorLockTimeoutMs: 2 ** 31 }, /0 to 2147483647|100 to 2147483647/],
      [{ limits: { maxPayloadBytes: Number.NaN } }, /limits.maxPayloadBytes .*, got NaN$/],
      [{ orchestrationCodeTimeoutMs: -1 }, /orchestrationCodeTimeoutMs must be an integer from 0/],
      [{ activityTimeoutMs: 1.5 }, /activityTimeoutMs must be an integer from 0/],
    ] as const) {
      assert.throws(() => new Runtime(p, options), pattern);
    }
  });
});

describe('runtime.setVersionPolicy', () => {
  test('is refused at the call for a name this runtime does not register', async (t) => {
    const rt = new Runtime(await provider(t), { logLevel: 'off' });
    assert.throws(
      () => rt.setVersionPolicy('Missing', 'latest'),
      (e: unknown) =>
        e instanceof ConfigurationError &&
        e.code === 'INVALID_REGISTRATION' &&
        /'Missing'.*register it first/.test(e.message),
    );
  });

  test('is refused at the call for an exact version this runtime does not register', async (t) => {
    const rt = new Runtime(await provider(t), { logLevel: 'off' });
    rt.registerOrchestrationVersioned('Flow', '1.0.0', async () => 1);
    rt.registerOrchestrationVersioned('Flow', '2.0.0', async () => 2);
    assert.throws(
      () => rt.setVersionPolicy('Flow', { exact: '1.5.0' }),
      /cannot pin 'Flow' to version 1\.5\.0: it is not registered here \(registered: 1\.0\.0, 2\.0\.0\)/,
    );
    assert.equal(rt.setVersionPolicy('Flow', { exact: '1.0.0' }), rt);
    assert.equal(rt.setVersionPolicy('Flow', 'latest'), rt);
  });
  test('a clock option without a now function is refused', async (t) => {
    const p = await provider(t);
    assert.throws(
      () => new Runtime(p, { clock: { now: 5 } } as unknown as RuntimeOptions),
      (e: unknown) => e instanceof InvalidInputError && /clock must be an object/.test(e.message),
    );
  });
});
