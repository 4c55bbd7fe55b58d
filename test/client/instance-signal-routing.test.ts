/**
 * Client waits share one provider subscription, routed by instance id
 * (src/client/instance-signals.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client } from '../../src/client/client.js';
import type { ProviderSignalListener } from '../../src/providers/provider.js';
import { SqliteProvider } from '../../src/providers/sqlite/sqlite-provider.js';
import {
  ack,
  externalRaised,
  fetchFor,
  startInstance,
} from '../../src/providers/validation/conformance-fixtures.js';
import { eventually } from '../helpers/eventually.js';

test('waits for many instances share one provider subscription, each woken only by its own instance, and drop it when the last ends', async (t) => {
  const provider = await SqliteProvider.inMemory();
  t.after(() => provider.close());
  let subscribed = 0;
  let unsubscribed = 0;
  const subscribe = provider.subscribe.bind(provider);
  provider.subscribe = (listener: ProviderSignalListener) => {
    subscribed++;
    const stop = subscribe(listener);
    return () => {
      unsubscribed++;
      stop();
    };
  };
  const ids = ['route-a', 'route-b', 'route-c'];
  for (const id of ids) await startInstance(provider, id);
  const client = new Client(provider);
  const settled = new Set<string>();
  const waits = ids.map((id) =>
    client.waitForOrchestration(id, 30_000).then((s) => {
      settled.add(id);
      return s;
    }),
  );
  await eventually('every wait subscribed', () => subscribed === 1);
  for (const [i, id] of ids.entries()) {
    await provider.enqueueForOrchestrator(externalRaised(id));
    const locked = await fetchFor(provider, id);
    await provider.ackOrchestrationItem(
      locked.lockToken,
      ack(1, { metadata: { status: 'Completed', output: JSON.stringify(i) } }),
    );
    await eventually(`the wait for ${id}`, () => settled.has(id));
    assert.deepEqual(
      [...settled].sort(),
      ids.slice(0, i + 1),
      'only the instance that ended is resolved',
    );
  }
  const statuses = await Promise.all(waits);
  assert.deepEqual(
    statuses.map((s) => (s.status === 'Completed' ? s.output : undefined)),
    [0, 1, 2],
  );
  assert.equal(subscribed, 1, 'one provider subscription for three waits');
  assert.equal(unsubscribed, 1, 'dropped once the last wait ended');
});
