/**
 * Conformance: fleet versioning on the orchestrator queue — the instance's version targets
 * and history format in fetched items, the `maxHistoryFormat` filter, the ack's version
 * metadata, reopening a Failed execution, and operator work items for existing instances.
 * @module
 */
import assert from 'node:assert/strict';
import { describe } from '../node-test.js';
import type { WorkItem } from '../../../core/history/work-item.js';
import type {
  ExecutionMetadata,
  LockedOrchestrationItem,
  Provider,
  ProviderWith,
} from '../../provider.js';
import type { ConformanceHarness } from '../conformance-fixtures.js';
import {
  ack,
  externalRaised,
  FETCH,
  fetchFor,
  historyEvent,
  rejectsPermanently,
  scheduledEvent,
  startedEvent,
  startInstance,
  startItem,
  startMetadata,
} from '../conformance-fixtures.js';

const AUDIT = {
  at: 1,
  actor: 'op',
  action: 'instance.pin',
  reason: undefined,
  details: '{}',
} as const;

/** Starts `instanceId` with extra start metadata (e.g. a history format), like `startInstance`. */
async function startWith(
  p: Provider,
  instanceId: string,
  extra: Partial<ExecutionMetadata>,
): Promise<void> {
  await p.enqueueForOrchestrator(startItem(instanceId));
  const locked = await fetchFor(p, instanceId);
  await p.ackOrchestrationItem(
    locked.lockToken,
    ack(1, {
      historyDelta: [startedEvent(instanceId)],
      metadata: startMetadata(undefined, undefined, extra),
    }),
  );
}

/** One turn on an existing instance with `metadata`; returns nothing. */
async function turn(p: Provider, instanceId: string, metadata: ExecutionMetadata): Promise<void> {
  await p.enqueueForOrchestrator(externalRaised(instanceId));
  const locked = await fetchFor(p, instanceId);
  await p.ackOrchestrationItem(locked.lockToken, ack(locked.item.executionId, { metadata }));
}

/** Starts the instance with `events` events after the start, then fails it: the last event is the failure. */
async function startAndFail(p: Provider, instanceId: string, extraEvents = 1): Promise<number> {
  await startInstance(p, instanceId, { extraEvents });
  await p.enqueueForOrchestrator(externalRaised(instanceId));
  const locked = await fetchFor(p, instanceId);
  const failedEventId = extraEvents + 2;
  await p.ackOrchestrationItem(
    locked.lockToken,
    ack(1, {
      historyDelta: [
        historyEvent(instanceId, 1, failedEventId, {
          type: 'OrchestrationFailed',
          details: { category: 'application', kind: 'OrchestrationFailed', message: 'boom' },
        }),
      ],
      metadata: { status: 'Failed', output: 'boom' },
    }),
  );
  return failedEventId;
}

/** Queues an operator's resume of execution 1 of `instanceId` and fetches it. */
async function fetchResumed(
  p: Provider,
  instanceId: string,
  requestId: string,
): Promise<LockedOrchestrationItem> {
  await p.enqueueForOrchestrator({
    type: 'ResumeOrchestration',
    instance: instanceId,
    executionId: 1,
    requestId,
  });
  return fetchFor(p, instanceId);
}

export function registerFleetTurnCases(h: ConformanceHarness<ProviderWith<'fleet'>>): void {
  describe('fleet: fetch and ack', () => {
    h.test(
      'a fetched item carries the instance pin, next version and history format',
      async (t) => {
        const p = await h.provider(t);
        await startWith(p, 'ft-1', { historyFormat: 2, versionPin: { value: '1.0.0' } });
        await p.setInstanceVersion(
          'ft-1',
          { nextVersion: '2.0.0' },
          { ...AUDIT, target: 'instance:ft-1' },
        );
        await p.enqueueForOrchestrator(externalRaised('ft-1'));
        const { item } = await fetchFor(p, 'ft-1');
        assert.equal(item.versionPin, '1.0.0');
        assert.equal(item.nextVersion, '2.0.0');
        assert.equal(item.historyFormat, 2);
      },
    );

    h.test('an instance without targets or format fetches with them absent', async (t) => {
      const p = await h.provider(t);
      await startInstance(p, 'ft-plain');
      await p.enqueueForOrchestrator(externalRaised('ft-plain'));
      const { item } = await fetchFor(p, 'ft-plain');
      assert.equal(item.versionPin, undefined);
      assert.equal(item.nextVersion, undefined);
      assert.equal(item.historyFormat, undefined);
    });

    h.test(
      'maxHistoryFormat skips instances recorded in a newer format without locking them',
      async (t) => {
        const p = await h.provider(t);
        await startWith(p, 'ft-new', { historyFormat: 2 });
        await p.enqueueForOrchestrator(externalRaised('ft-new'));
        assert.equal(await p.fetchOrchestrationItem({ ...FETCH, maxHistoryFormat: 1 }), null);
        // Not locked by the filtered fetch: a capable fetcher gets it at once.
        const locked = await fetchFor(p, 'ft-new', { ...FETCH, maxHistoryFormat: 2 });
        assert.equal(locked.item.historyFormat, 2);
        assert.equal(locked.attemptCount, 1, 'the skipped fetch did not count an attempt');
      },
    );

    h.test(
      'maxHistoryFormat lets legacy (format absent = 1) and not-yet-started instances through',
      async (t) => {
        const p = await h.provider(t);
        await startWith(p, 'ft-new2', { historyFormat: 2 });
        await startInstance(p, 'ft-legacy');
        await p.enqueueForOrchestrator(externalRaised('ft-new2'));
        await p.enqueueForOrchestrator(externalRaised('ft-legacy'));
        await p.enqueueForOrchestrator(startItem('ft-fresh'));
        const seen = new Set<string>();
        for (let i = 0; i < 2; i++) {
          const locked = await p.fetchOrchestrationItem({ ...FETCH, maxHistoryFormat: 1 });
          assert.ok(locked);
          seen.add(locked.item.instanceId);
        }
        assert.deepEqual([...seen].sort(), ['ft-fresh', 'ft-legacy']);
        assert.equal(await p.fetchOrchestrationItem({ ...FETCH, maxHistoryFormat: 1 }), null);
      },
    );

    h.test('the history format is written only by acks that give it', async (t) => {
      const p = await h.provider(t);
      await startWith(p, 'ft-fmt', { historyFormat: 2 });
      await turn(p, 'ft-fmt', {});
      await p.enqueueForOrchestrator(externalRaised('ft-fmt'));
      assert.equal((await fetchFor(p, 'ft-fmt')).item.historyFormat, 2);
    });

    h.test(
      'ack versionPin sets and clears the instance pin; an absent one leaves it',
      async (t) => {
        const p = await h.provider(t);
        await startWith(p, 'ft-pin', { versionPin: { value: '1.0.0' } });
        assert.equal((await p.getInstance('ft-pin'))?.versionPin, '1.0.0');
        await turn(p, 'ft-pin', {});
        assert.equal((await p.getInstance('ft-pin'))?.versionPin, '1.0.0');
        await turn(p, 'ft-pin', { versionPin: { value: '1.5.0' } });
        assert.equal((await p.getInstance('ft-pin'))?.versionPin, '1.5.0');
        await turn(p, 'ft-pin', { versionPin: { value: null } });
        assert.equal((await p.getInstance('ft-pin'))?.versionPin, undefined);
      },
    );

    h.test(
      'ack consumedNextVersion clears the next version only while it still equals it',
      async (t) => {
        const p = await h.provider(t);
        await startInstance(p, 'ft-next');
        await p.setInstanceVersion(
          'ft-next',
          { nextVersion: '2.0.0' },
          { ...AUDIT, target: 'instance:ft-next' },
        );
        // An operator changed the request since the turn read it: the new request stays.
        await turn(p, 'ft-next', { consumedNextVersion: '1.5.0' });
        assert.equal((await p.getInstance('ft-next'))?.nextVersion, '2.0.0');
        await turn(p, 'ft-next', { consumedNextVersion: '2.0.0' });
        assert.equal((await p.getInstance('ft-next'))?.nextVersion, undefined);
      },
    );

    h.test(
      'reopen deletes the failed event, sets the execution Running and rewrites its version',
      async (t) => {
        const p = await h.provider(t);
        const failedEventId = await startAndFail(p, 'ft-re');
        assert.equal((await p.getInstance('ft-re'))?.status, 'Failed');
        const locked = await fetchResumed(p, 'ft-re', 'r1');
        // The resumed turn may reuse the deleted failure's event id.
        await p.ackOrchestrationItem(
          locked.lockToken,
          ack(1, {
            historyDelta: [scheduledEvent('ft-re', 1, failedEventId)],
            reopen: { failedEventId, version: '1.0.1' },
          }),
        );
        const record = await p.getInstance('ft-re');
        assert.equal(record?.status, 'Running');
        assert.equal(record?.output, undefined);
        assert.equal(record?.orchestrationVersion, '1.0.1');
        const execution = await p.getExecution('ft-re', 1);
        assert.equal(execution?.status, 'Running');
        assert.equal(execution?.output, undefined);
        assert.equal(execution?.completedAt, undefined);
        assert.equal(execution?.orchestrationVersion, '1.0.1');
        const history = await p.readHistory('ft-re', 1);
        assert.deepEqual(
          history.map((e) => e.type),
          ['OrchestrationStarted', 'ActivityScheduled', 'ActivityScheduled'],
        );
        const started = history[0];
        assert.ok(started?.type === 'OrchestrationStarted');
        assert.equal(started.version, '1.0.1');
        assert.deepEqual(
          { ...started, version: '1.0.0' },
          { ...startedEvent('ft-re'), timestampMs: started.timestampMs },
        );
      },
    );

    h.test(
      "reopen with a trace context records it in the OrchestrationStarted event, in place of the failed attempt's",
      async (t) => {
        const p = await h.provider(t);
        const failedEventId = await startAndFail(p, 'ft-re-trace');
        const locked = await fetchResumed(p, 'ft-re-trace', 'r3');
        const traceContext = {
          traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
          tracestate: 'vendor=1',
          parentSpanId: '00f067aa0ba902b7',
          resumedFrom: '00-0af7651916cd43dd8448eb211c80319c-53995c3f42cd8ad8-01',
          resumedAtMs: 1_700_000_000_123,
        };
        await p.ackOrchestrationItem(
          locked.lockToken,
          ack(1, { reopen: { failedEventId, version: '1.0.0', traceContext } }),
        );
        const started = (await p.readHistory('ft-re-trace', 1))[0];
        assert.ok(started?.type === 'OrchestrationStarted');
        assert.deepEqual(started.traceContext, traceContext);
        assert.deepEqual(
          { ...started, traceContext: undefined },
          {
            ...startedEvent('ft-re-trace'),
            timestampMs: started.timestampMs,
            traceContext: undefined,
          },
        );
      },
    );

    h.test(
      'reopen refuses an event that is not the last one or not a failure, writing nothing',
      async (t) => {
        const p = await h.provider(t);
        const failedEventId = await startAndFail(p, 'ft-bad');
        const locked = await fetchResumed(p, 'ft-bad', 'r2');
        const before = await p.readHistory('ft-bad', 1);
        for (const eventId of [failedEventId - 1, failedEventId + 1, 1]) {
          await rejectsPermanently(
            p.ackOrchestrationItem(
              locked.lockToken,
              ack(1, {
                historyDelta: [scheduledEvent('ft-bad', 1, failedEventId + 5)],
                reopen: { failedEventId: eventId, version: '9.0.0' },
              }),
            ),
            'OrchestrationFailed',
          );
        }
        assert.deepEqual(await p.readHistory('ft-bad', 1), before);
        const record = await p.getInstance('ft-bad');
        assert.equal(record?.status, 'Failed');
        assert.equal(record?.orchestrationVersion, '1.0.0');
        // The lock was kept: the same token still commits.
        await p.ackOrchestrationItem(locked.lockToken, ack(1));
      },
    );

    h.test('reopen refuses an execution whose last event is not a failure', async (t) => {
      const p = await h.provider(t);
      await startInstance(p, 'ft-run', { extraEvents: 2 });
      await p.enqueueForOrchestrator(externalRaised('ft-run'));
      const locked = await fetchFor(p, 'ft-run');
      await rejectsPermanently(
        p.ackOrchestrationItem(
          locked.lockToken,
          ack(1, { reopen: { failedEventId: 3, version: '2.0.0' } }),
        ),
        'OrchestrationFailed',
      );
      assert.equal((await p.readHistory('ft-run', 1)).length, 3);
      assert.equal((await p.getInstance('ft-run'))?.orchestrationVersion, '1.0.0');
    });

    h.test(
      'resume and restart items for an existing instance are delivered, not treated as orphans',
      async (t) => {
        const p = await h.provider(t);
        await startAndFail(p, 'ft-ops');
        const resume: WorkItem = {
          type: 'ResumeOrchestration',
          instance: 'ft-ops',
          executionId: 1,
          requestId: 'r3',
          actor: 'op',
          reason: 'fixed',
        };
        const restart: WorkItem = {
          type: 'RestartOrchestration',
          instance: 'ft-ops',
          orchestration: 'Flow',
          version: '2.0.0',
          input: '{}',
          requestId: 'r4',
        };
        await p.enqueueForOrchestrator(resume);
        await p.enqueueForOrchestrator(restart);
        const locked = await fetchFor(p, 'ft-ops');
        assert.deepEqual(locked.item.messages, [resume, restart]);
        assert.equal(locked.item.orchestrationName, 'Flow');
        await p.ackOrchestrationItem(locked.lockToken, ack(1));
        assert.equal(await p.fetchOrchestrationItem(FETCH), null);
      },
    );
  });
}
