/**
 * Shared by the stores' final-signal tests: an instance that ends after setting a custom
 * status, and the signal of its ending commit.
 * @module
 */
import assert from 'node:assert/strict';
import type { Provider, ProviderSignal } from '../../src/providers/provider.js';
import {
  ack,
  externalRaised,
  fetchFor,
  startInstance,
} from '../../src/providers/validation/conformance-fixtures.js';

/** A turn that sets a custom status, then one that ends the execution with `output`. */
export async function finishWithCustomStatus(
  p: Provider,
  instanceId: string,
  status: 'Completed' | 'Failed',
  output: string,
): Promise<void> {
  await startInstance(p, instanceId);
  await p.enqueueForOrchestrator(externalRaised(instanceId));
  const first = await fetchFor(p, instanceId);
  await p.ackOrchestrationItem(
    first.lockToken,
    ack(1, { metadata: { customStatus: { value: '"halfway"' } } }),
  );
  await p.enqueueForOrchestrator(externalRaised(instanceId, 'again'));
  const last = await fetchFor(p, instanceId);
  await p.ackOrchestrationItem(last.lockToken, ack(1, { metadata: { status, output } }));
}

/** The first signal of `instanceId` that reports an ended execution. */
export function endingSignal(
  heard: readonly ProviderSignal[],
  instanceId: string,
): ProviderSignal | undefined {
  return heard.find(
    (s) => s.kind === 'instance' && s.instanceId === instanceId && s.executionStatus !== 'Running',
  );
}

/** `provider` seen through a proxy that counts its `getInstance` calls (a client's status reads). */
export function countingInstanceReads<P extends Provider>(
  provider: P,
): { readonly provider: P; reads(): number } {
  let reads = 0;
  const counting = new Proxy(provider, {
    get(target, key, receiver) {
      if (key === 'getInstance') {
        return (id: string) => {
          reads++;
          return target.getInstance(id);
        };
      }
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
  return { provider: counting, reads: () => reads };
}

/**
 * Asserts that `instanceId`'s ending signal in `heard` reports `status` and carries the output
 * and custom status `reader.getInstance` reports (the custom status set by
 * {@link finishWithCustomStatus}).
 */
export async function assertFinalAsRecorded(
  heard: readonly ProviderSignal[],
  reader: Provider,
  instanceId: string,
  status: 'Completed' | 'Failed',
): Promise<void> {
  const signal = endingSignal(heard, instanceId);
  assert.ok(signal?.kind === 'instance');
  assert.equal(signal.executionStatus, status);
  const record = await reader.getInstance(instanceId);
  assert.ok(record);
  assert.deepEqual(signal.final, {
    output: record.output,
    customStatus: record.customStatus,
    customStatusVersion: record.customStatusVersion,
  });
  assert.equal(signal.final?.customStatus, '"halfway"');
}
