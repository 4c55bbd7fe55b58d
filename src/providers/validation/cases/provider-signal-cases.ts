/**
 * Conformance: in-process commit signals (`subscribe`).
 * @module
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Provider, ProviderSignal } from '../../provider.js';
import type { ConformanceHarness } from '../conformance-fixtures.js';
import {
  ack,
  activityCompleted,
  activityExecute,
  externalRaised,
  fetchFor,
  sleep,
  startInstance,
  startItem,
} from '../conformance-fixtures.js';

/** Records every signal; providers may deliver them asynchronously, so reads wait briefly. */
function record(p: Provider): { readonly signals: ProviderSignal[]; settle(): Promise<ProviderSignal[]> } {
  const signals: ProviderSignal[] = [];
  p.subscribe((s) => signals.push(s));
  return {
    signals,
    async settle() {
      await sleep(20);
      return signals;
    },
  };
}

export function registerProviderSignalCases(h: ConformanceHarness): void {
  describe('signals', () => {
    test('enqueue signals the orchestrator queue with the visibility time', async (t) => {
      const p = await h.provider(t);
      const rec = record(p);
      const before = Date.now();
      await p.enqueueForOrchestrator(startItem('sig-1'), 500);
      const signals = await rec.settle();
      assert.equal(signals.length, 1);
      const [signal] = signals;
      assert.ok(signal?.kind === 'orchestrator');
      assert.ok(signal.visibleAt >= before + 500 && signal.visibleAt <= Date.now() + 500);
    });

    test('ack signals new worker and orchestrator work and the instance', async (t) => {
      const p = await h.provider(t);
      await startInstance(p, 'sig-2');
      await p.enqueueForOrchestrator(externalRaised('sig-2'));
      const locked = await fetchFor(p, 'sig-2');
      const rec = record(p);
      await p.ackOrchestrationItem(
        locked.lockToken,
        ack(1, { workerItems: [activityExecute('sig-2', 1, 2)], orchestratorItems: [startItem('sig-2-child')] }),
      );
      const kinds = (await rec.settle()).map((s) => s.kind).sort();
      assert.deepEqual(kinds, ['instance', 'orchestrator', 'worker']);
      assert.ok(rec.signals.some((s) => s.kind === 'instance' && s.instanceId === 'sig-2'));
    });

    test('an empty ack still signals the instance', async (t) => {
      const p = await h.provider(t);
      await startInstance(p, 'sig-3');
      await p.enqueueForOrchestrator(externalRaised('sig-3'));
      const locked = await fetchFor(p, 'sig-3');
      const rec = record(p);
      await p.ackOrchestrationItem(locked.lockToken, ack(1));
      assert.deepEqual(await rec.settle(), [{ kind: 'instance', instanceId: 'sig-3' }]);
    });

    test('a work item ack with a completion signals the orchestrator queue', async (t) => {
      const p = await h.provider(t);
      await startInstance(p, 'sig-4', { workerItems: [activityExecute('sig-4', 1, 2)] });
      const work = await p.fetchWorkItem({ lockTimeoutMs: 30_000 });
      assert.ok(work);
      const rec = record(p);
      await p.ackWorkItem(work.lockToken, activityCompleted('sig-4', 1, 2));
      assert.deepEqual(
        (await rec.settle()).map((s) => s.kind),
        ['orchestrator'],
      );
    });

    test('an unsubscribed listener receives nothing more', async (t) => {
      const p = await h.provider(t);
      const seen: ProviderSignal[] = [];
      const unsubscribe = p.subscribe((s) => seen.push(s));
      unsubscribe();
      await p.enqueueForOrchestrator(startItem('sig-5'));
      await sleep(20);
      assert.deepEqual(seen, []);
    });

    test('a throwing listener does not break the provider or other listeners', async (t) => {
      const p = await h.provider(t);
      p.subscribe(() => {
        throw new Error('listener bug');
      });
      const rec = record(p);
      await p.enqueueForOrchestrator(startItem('sig-6'));
      assert.equal((await rec.settle()).length, 1);
      await fetchFor(p, 'sig-6');
    });
  });
}
