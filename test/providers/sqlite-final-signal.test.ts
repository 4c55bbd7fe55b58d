import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client } from '../../src/client/client.js';
import type { ProviderSignal } from '../../src/providers/provider.js';
import { SqliteProvider } from '../../src/providers/sqlite/sqlite-provider.js';
import {
  ack,
  externalRaised,
  fetchFor,
  startInstance,
} from '../../src/providers/validation/conformance-fixtures.js';
import { eventually } from '../helpers/eventually.js';
import {
  assertFinalAsRecorded,
  countingInstanceReads,
  endingSignal,
  finishWithCustomStatus,
} from '../helpers/final-signal.js';

async function listening(t: { after(fn: () => Promise<unknown>): void }): Promise<{
  provider: SqliteProvider;
  heard: ProviderSignal[];
}> {
  const provider = await SqliteProvider.inMemory();
  t.after(() => provider.close());
  const heard: ProviderSignal[] = [];
  provider.subscribe((s) => heard.push(s));
  return { provider, heard };
}

describe('SQLite: the final state in the ending commit signal', () => {
  for (const status of ['Completed', 'Failed'] as const) {
    test(`a ${status} instance's signal carries its output and custom status as getInstance reports them`, async (t) => {
      const { provider, heard } = await listening(t);
      const id = `sqlite-final-${status}`;
      await finishWithCustomStatus(
        provider,
        id,
        status,
        status === 'Completed' ? '{"n":42}' : 'boom',
      );
      await assertFinalAsRecorded(heard, provider, id, status);
    });
  }

  test('a custom status set by the ending turn itself is in the final state', async (t) => {
    const { provider, heard } = await listening(t);
    await startInstance(provider, 'sqlite-final-same-turn');
    await provider.enqueueForOrchestrator(externalRaised('sqlite-final-same-turn'));
    const locked = await fetchFor(provider, 'sqlite-final-same-turn');
    await provider.ackOrchestrationItem(
      locked.lockToken,
      ack(1, {
        metadata: { status: 'Completed', output: '"done"', customStatus: { value: '"last"' } },
      }),
    );
    const signal = endingSignal(heard, 'sqlite-final-same-turn');
    assert.ok(signal?.kind === 'instance');
    assert.deepEqual(signal.final, {
      output: '"done"',
      customStatus: '"last"',
      customStatusVersion: 1,
    });
  });

  test('a turn that does not end the execution carries no final state', async (t) => {
    const { provider, heard } = await listening(t);
    await startInstance(provider, 'sqlite-final-running');
    const signal = heard.find(
      (s) => s.kind === 'instance' && s.instanceId === 'sqlite-final-running',
    );
    assert.ok(signal?.kind === 'instance');
    assert.equal(signal.executionStatus, 'Running');
    assert.equal(signal.final, undefined);
  });

  test('a waiting client resolves from the ending signal without reading the status again', async (t) => {
    const { provider } = await listening(t);
    await startInstance(provider, 'sqlite-final-wait');
    const counting = countingInstanceReads(provider);
    const waited = new Client(counting.provider).waitForOrchestration('sqlite-final-wait', 30_000);
    await eventually('the first status read', () => counting.reads() === 1);
    await provider.enqueueForOrchestrator(externalRaised('sqlite-final-wait'));
    const locked = await fetchFor(provider, 'sqlite-final-wait');
    await provider.ackOrchestrationItem(
      locked.lockToken,
      ack(1, { metadata: { status: 'Completed', output: '"done"' } }),
    );
    const status = await waited;
    assert.deepEqual(status, { status: 'Completed', output: 'done', customStatusVersion: 0 });
    assert.equal(counting.reads(), 1, 'only the read when the wait began');
  });
});
