import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client } from '../../src/client/client.js';
import type { ProviderSignal } from '../../src/providers/provider.js';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';
import {
  ack,
  externalRaised,
  fetchFor,
  startInstance,
} from '../../src/providers/validation/conformance-fixtures.js';
import { freshSchemas } from '../helpers/fresh-schemas.js';
import { eventually } from '../helpers/eventually.js';
import {
  assertFinalAsRecorded,
  countingInstanceReads,
  endingSignal,
  finishWithCustomStatus,
} from '../helpers/final-signal.js';

const schemas = freshSchemas();

/** Two providers on one fresh schema: one commits, the other listens (another process's view). */
async function pair(t: { after(fn: () => Promise<unknown>): void }): Promise<{
  writer: PostgresProvider;
  listener: PostgresProvider;
  heard: ProviderSignal[];
}> {
  const schema = schemas.schema('final_signal');
  const url = schemas.url();
  const writer = await PostgresProvider.connectWithSchema(url, schema);
  const listener = await PostgresProvider.connectWithSchema(url, schema);
  t.after(() => Promise.all([writer.close(), listener.close()]));
  const heard: ProviderSignal[] = [];
  listener.subscribe((s) => heard.push(s));
  await eventually('the LISTEN connection', () => listener.isListening);
  heard.length = 0;
  return { writer, listener, heard };
}

describe('PostgreSQL: the final state in the ending commit notification', () => {
  for (const status of ['Completed', 'Failed'] as const) {
    test(`another process hears a ${status} instance's output and custom status as getInstance reports them`, async (t) => {
      const { writer, listener, heard } = await pair(t);
      const id = `final-${status}`;
      await finishWithCustomStatus(
        writer,
        id,
        status,
        status === 'Completed' ? '{"n":42}' : 'boom',
      );
      await eventually('the ending signal', () => endingSignal(heard, id) !== undefined);
      await assertFinalAsRecorded(heard, listener, id, status);
    });
  }

  test('an output too large for a notification is left out, and a waiting client reads it', async (t) => {
    const { writer, listener, heard } = await pair(t);
    const big = JSON.stringify('x'.repeat(10_000));
    const waited = new Client(listener).waitForOrchestration('final-big', 30_000);
    await finishWithCustomStatus(writer, 'final-big', 'Completed', big);
    await eventually('the ending signal', () => endingSignal(heard, 'final-big') !== undefined);
    const signal = endingSignal(heard, 'final-big');
    assert.ok(signal?.kind === 'instance');
    assert.equal(signal.executionStatus, 'Completed');
    assert.equal(signal.final, undefined);
    const status = await waited;
    assert.equal(status.status, 'Completed');
    assert.equal(status.status === 'Completed' && status.output, 'x'.repeat(10_000));
  });

  test('a client waiting in another process resolves from the notification without reading the status again', async (t) => {
    const { writer, listener } = await pair(t);
    await startInstance(writer, 'final-wait');
    const counting = countingInstanceReads(listener);
    const waited = new Client(counting.provider).waitForOrchestration('final-wait', 30_000);
    await eventually('the first status read', () => counting.reads() === 1);
    await writer.enqueueForOrchestrator(externalRaised('final-wait'));
    const locked = await fetchFor(writer, 'final-wait');
    await writer.ackOrchestrationItem(
      locked.lockToken,
      ack(1, { metadata: { status: 'Completed', output: '"done"' } }),
    );
    const status = await waited;
    assert.deepEqual(status, { status: 'Completed', output: 'done', customStatusVersion: 0 });
    assert.equal(counting.reads(), 1, 'only the read when the wait began');
  });
});
