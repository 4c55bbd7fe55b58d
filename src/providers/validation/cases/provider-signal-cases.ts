/**
 * Conformance: in-process commit signals (`subscribe`).
 * @module
 */
import assert from 'node:assert/strict';
import { describe } from '../node-test.js';
import { ProviderError } from '../../../core/errors/duroxide-error.js';
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
function record(p: Provider): {
  readonly signals: ProviderSignal[];
  settle(): Promise<ProviderSignal[]>;
} {
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
    h.test('enqueue signals the orchestrator queue with the visibility time', async (t) => {
      const p = await h.provider(t);
      const rec = record(p);
      const before = h.clock(t).now();
      await p.enqueueForOrchestrator(startItem('sig-1'), 500);
      const signals = await rec.settle();
      assert.equal(signals.length, 1);
      const [signal] = signals;
      assert.ok(signal?.kind === 'orchestrator');
      assert.ok(signal.visibleAt >= before + 500 && signal.visibleAt <= h.clock(t).now() + 500);
    });

    h.test('ack signals new worker and orchestrator work and the instance', async (t) => {
      const p = await h.provider(t);
      await startInstance(p, 'sig-2');
      await p.enqueueForOrchestrator(externalRaised('sig-2'));
      const locked = await fetchFor(p, 'sig-2');
      const rec = record(p);
      await p.ackOrchestrationItem(
        locked.lockToken,
        ack(1, {
          workerItems: [activityExecute('sig-2', 1, 2)],
          orchestratorItems: [startItem('sig-2-child')],
        }),
      );
      const kinds = (await rec.settle()).map((s) => s.kind).sort();
      assert.deepEqual(kinds, ['instance', 'orchestrator', 'worker']);
      assert.ok(rec.signals.some((s) => s.kind === 'instance' && s.instanceId === 'sig-2'));
    });

    h.test('an empty ack still signals the instance', async (t) => {
      const p = await h.provider(t);
      await startInstance(p, 'sig-3');
      await p.enqueueForOrchestrator(externalRaised('sig-3'));
      const locked = await fetchFor(p, 'sig-3');
      const rec = record(p);
      await p.ackOrchestrationItem(locked.lockToken, ack(1));
      assert.deepEqual(await rec.settle(), [
        { kind: 'instance', instanceId: 'sig-3', executionStatus: 'Running' },
      ]);
    });

    h.test(
      'an ack that releases an instance while a message of it waits signals the orchestrator queue again',
      async (t) => {
        const p = await h.provider(t);
        await startInstance(p, 'sig-9');
        await p.enqueueForOrchestrator(externalRaised('sig-9'));
        const locked = await fetchFor(p, 'sig-9');
        // Arrives during the turn: whoever its signal woke found the instance locked.
        await p.enqueueForOrchestrator(externalRaised('sig-9', 'late'));
        const rec = record(p);
        const before = h.clock(t).now();
        await p.ackOrchestrationItem(locked.lockToken, ack(1));
        const signal = (await rec.settle()).find((s) => s.kind === 'orchestrator');
        assert.ok(signal?.kind === 'orchestrator', JSON.stringify(rec.signals));
        assert.ok(
          signal.visibleAt <= h.clock(t).now() && signal.visibleAt >= before - 1000,
          `visibleAt ${signal.visibleAt}`,
        );
        const next = await fetchFor(p, 'sig-9');
        assert.deepEqual(
          next.item.messages.map((m) => m.type === 'ExternalRaised' && m.name),
          ['late'],
        );
      },
    );

    h.test(
      'an ack that ends the execution signals the instance with its final status',
      async (t) => {
        const p = await h.provider(t);
        await startInstance(p, 'sig-3b');
        await p.enqueueForOrchestrator(externalRaised('sig-3b'));
        const locked = await fetchFor(p, 'sig-3b');
        const rec = record(p);
        await p.ackOrchestrationItem(
          locked.lockToken,
          ack(1, { metadata: { status: 'Completed', output: '1' } }),
        );
        const signals = await rec.settle();
        assert.deepEqual(
          signals.map((s) => ({ ...s, final: undefined })),
          [
            {
              kind: 'instance',
              instanceId: 'sig-3b',
              executionStatus: 'Completed',
              final: undefined,
            },
          ],
        );
        // The final state is optional; when carried it is what getInstance reports.
        const [signal] = signals;
        if (signal?.kind === 'instance' && signal.final !== undefined) {
          const record = await p.getInstance('sig-3b');
          assert.deepEqual(signal.final, {
            output: record?.output,
            customStatus: record?.customStatus,
            customStatusVersion: record?.customStatusVersion,
          });
          assert.equal(signal.final.output, '1');
        }
      },
    );

    h.test('a work item ack with a completion signals the orchestrator queue', async (t) => {
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

    h.test(
      'an ack that deletes queued or running activities signals each one after committing',
      async (t) => {
        const p = await h.provider(t);
        await startInstance(p, 'sig-7', {
          workerItems: [2, 3, 4].map((id) => activityExecute('sig-7', 1, id)),
        });
        const running = await p.fetchWorkItem({ lockTimeoutMs: 30_000 });
        assert.ok(running?.item.type === 'ActivityExecute' && running.item.id === 2);
        await p.enqueueForOrchestrator(externalRaised('sig-7'));
        const locked = await fetchFor(p, 'sig-7');
        const rec = record(p);
        // Called from inside the listener: by then the running activity's row must be gone.
        const renewals: Promise<unknown>[] = [];
        p.subscribe((s) => {
          if (s.kind !== 'activityCancelled') return;
          renewals.push(
            p.renewWorkItemLock(running.lockToken, 1_000).then(
              () => 'renewed',
              (error: unknown) => error,
            ),
          );
        });
        await p.ackOrchestrationItem(
          locked.lockToken,
          ack(1, {
            workerItems: [activityExecute('sig-7', 1, 5)],
            cancelledActivities: [2, 3, 5, 99].map((activityId) => ({
              instanceId: 'sig-7',
              executionId: 1,
              activityId,
            })),
          }),
        );
        const cancelled = (await rec.settle()).filter((s) => s.kind === 'activityCancelled');
        assert.deepEqual(
          cancelled,
          [
            { kind: 'activityCancelled', instanceId: 'sig-7', executionId: 1, activityId: 2 },
            { kind: 'activityCancelled', instanceId: 'sig-7', executionId: 1, activityId: 3 },
          ],
          'a row scheduled in the same ack (5) or never queued (99) is not signalled',
        );
        assert.ok(renewals.length > 0);
        for (const outcome of await Promise.all(renewals)) {
          assert.ok(
            outcome instanceof ProviderError && !outcome.retryable,
            `renewal should fail: ${String(outcome)}`,
          );
        }
      },
    );

    h.test('an ack without cancellations signals no cancelled activity', async (t) => {
      const p = await h.provider(t);
      await startInstance(p, 'sig-8', { workerItems: [activityExecute('sig-8', 1, 2)] });
      await p.enqueueForOrchestrator(externalRaised('sig-8'));
      const locked = await fetchFor(p, 'sig-8');
      const rec = record(p);
      await p.ackOrchestrationItem(
        locked.lockToken,
        ack(1, { cancelledActivities: [{ instanceId: 'sig-8', executionId: 2, activityId: 2 }] }),
      );
      assert.deepEqual(
        (await rec.settle()).map((s) => s.kind),
        ['instance'],
        'an entry of another execution matches no row',
      );
    });

    h.test('an unsubscribed listener receives nothing more', async (t) => {
      const p = await h.provider(t);
      const seen: ProviderSignal[] = [];
      const unsubscribe = p.subscribe((s) => seen.push(s));
      unsubscribe();
      await p.enqueueForOrchestrator(startItem('sig-5'));
      await sleep(20);
      assert.deepEqual(seen, []);
    });

    h.test('a throwing listener does not break the provider or other listeners', async (t) => {
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
