/**
 * Conformance: instance and execution read models, custom status and continue-as-new.
 * @module
 */
import assert from 'node:assert/strict';
import { describe } from '../node-test.js';
import type { ExecutionStatus, Provider } from '../../provider.js';
import type { ConformanceHarness } from '../conformance-fixtures.js';
import {
  ack,
  externalRaised,
  FETCH,
  fetchFor,
  historyEvent,
  queueMessage,
  startInstance,
  startItem,
  startMetadata,
  startedEvent,
} from '../conformance-fixtures.js';

/** Runs one turn for an existing instance that ends its current execution with `status`. */
async function finish(
  p: Provider,
  instanceId: string,
  status: Exclude<ExecutionStatus, 'Running'>,
): Promise<void> {
  await p.enqueueForOrchestrator(externalRaised(instanceId));
  const locked = await fetchFor(p, instanceId);
  await p.ackOrchestrationItem(
    locked.lockToken,
    ack(locked.item.executionId, { metadata: { status, output: '"out"' } }),
  );
}

/** Runs one turn for an existing instance carrying `customStatus` metadata (when given). */
async function turn(
  p: Provider,
  instanceId: string,
  customStatus?: { value: string | null },
): Promise<void> {
  await p.enqueueForOrchestrator(externalRaised(instanceId));
  const locked = await fetchFor(p, instanceId);
  await p.ackOrchestrationItem(
    locked.lockToken,
    ack(1, { metadata: customStatus === undefined ? {} : { customStatus } }),
  );
}

/**
 * Ends execution `from` with continue-as-new and acks the new execution's first turn with
 * `version`, like the runtime does.
 */
async function continueAsNew(
  p: Provider,
  instanceId: string,
  from: number,
  version: string,
): Promise<void> {
  await p.enqueueForOrchestrator(externalRaised(instanceId));
  const ending = await fetchFor(p, instanceId);
  await p.ackOrchestrationItem(
    ending.lockToken,
    ack(from, {
      historyDelta: [
        historyEvent(instanceId, from, 2, { type: 'OrchestrationContinuedAsNew', input: '{}' }),
      ],
      orchestratorItems: [
        {
          type: 'ContinueAsNew',
          instance: instanceId,
          orchestration: 'Flow',
          input: '{}',
          version,
        },
      ],
      metadata: { status: 'ContinuedAsNew', output: '{}' },
    }),
  );
  const next = await fetchFor(p, instanceId);
  assert.equal(
    next.item.executionId,
    from,
    'the current execution moves only when the new one is acked',
  );
  await p.ackOrchestrationItem(
    next.lockToken,
    ack(from + 1, {
      historyDelta: [startedEvent(instanceId, from + 1, 'Flow', version)],
      metadata: startMetadata('Flow', version),
    }),
  );
}

export function registerInstanceRecordCases(h: ConformanceHarness): void {
  describe('instance and execution records', () => {
    h.test('records carry status, output and real epoch-millisecond timestamps', async (t) => {
      const p = await h.provider(t);
      const before = h.clock(t).now();
      await startInstance(p, 'rec-1', { name: 'Order', version: '1.2.0' });
      const created = await p.getInstance('rec-1');
      assert.ok(created);
      assert.equal(created.status, 'Running');
      assert.equal(created.output, undefined);
      assert.equal(created.currentExecutionId, 1);
      assert.equal(created.orchestrationName, 'Order');
      assert.equal(created.orchestrationVersion, '1.2.0');
      assert.ok(
        created.createdAt >= before && created.createdAt <= h.clock(t).now(),
        `createdAt ${created.createdAt}`,
      );
      assert.ok(created.updatedAt >= created.createdAt);
      assert.equal(created.parentInstanceId, undefined);

      await h.clock(t).advance(5);
      await finish(p, 'rec-1', 'Completed');
      const done = await p.getInstance('rec-1');
      assert.equal(done?.status, 'Completed');
      assert.equal(done?.output, '"out"');
      assert.equal(done?.createdAt, created.createdAt);
      assert.ok(
        done !== null && done.updatedAt > created.updatedAt,
        'updatedAt moves on every ack',
      );

      const execution = await p.getExecution('rec-1', 1);
      assert.ok(execution);
      assert.equal(execution.executionId, 1);
      assert.equal(execution.orchestrationName, 'Order');
      assert.equal(execution.orchestrationVersion, '1.2.0');
      assert.equal(execution.status, 'Completed');
      assert.equal(execution.output, '"out"');
      assert.ok(execution.startedAt >= before);
      assert.ok(
        execution.completedAt !== undefined && execution.completedAt >= execution.startedAt,
      );
      assert.equal(execution.eventCount, 1);
    });

    h.test('a running execution has no completion time', async (t) => {
      const p = await h.provider(t);
      await startInstance(p, 'rec-2', { extraEvents: 2 });
      const execution = await p.getExecution('rec-2', 1);
      assert.equal(execution?.status, 'Running');
      assert.equal(execution?.completedAt, undefined);
      assert.equal(execution?.eventCount, 3);
    });

    h.test('a sub-orchestration records its parent instance id', async (t) => {
      const p = await h.provider(t);
      await startInstance(p, 'child-1', { parentInstanceId: 'parent-1' });
      assert.equal((await p.getInstance('child-1'))?.parentInstanceId, 'parent-1');
    });

    h.test('unknown instances and executions read as null or empty', async (t) => {
      const p = await h.provider(t);
      await startInstance(p, 'known-1');
      assert.equal(await p.getInstance('unknown'), null);
      assert.equal(await p.getExecution('unknown', 1), null);
      assert.equal(await p.getExecution('known-1', 2), null);
      assert.deepEqual(await p.readHistory('unknown'), []);
      assert.deepEqual(await p.readHistory('known-1', 7), []);
      assert.deepEqual(await p.listExecutions('unknown'), []);
    });

    h.test('listInstances returns instance ids newest first', async (t) => {
      const p = await h.provider(t);
      for (const id of ['list-a', 'list-b', 'list-c']) {
        await startInstance(p, id);
        await h.clock(t).advance(5);
      }
      assert.deepEqual(await p.listInstances(), ['list-c', 'list-b', 'list-a']);
    });

    h.test('listInstancesByStatus filters on the current execution status', async (t) => {
      const p = await h.provider(t);
      for (const id of ['st-run', 'st-done', 'st-fail']) {
        await startInstance(p, id);
        await h.clock(t).advance(5);
      }
      await finish(p, 'st-done', 'Completed');
      await finish(p, 'st-fail', 'Failed');
      assert.deepEqual(await p.listInstancesByStatus('Running'), ['st-run']);
      assert.deepEqual(await p.listInstancesByStatus('Completed'), ['st-done']);
      assert.deepEqual(await p.listInstancesByStatus('Failed'), ['st-fail']);
      assert.deepEqual(await p.listInstancesByStatus('ContinuedAsNew'), []);
    });

    h.test('instanceExists is false for an unknown instance', async (t) => {
      const p = await h.provider(t);
      assert.equal(await p.instanceExists('exists-none'), false);
    });

    h.test('instanceExists is true when only a StartOrchestration is queued', async (t) => {
      const p = await h.provider(t);
      await p.enqueueForOrchestrator(startItem('exists-queued'));
      assert.equal(await p.instanceExists('exists-queued'), true);
    });

    h.test('instanceExists is false when only non-start messages are queued', async (t) => {
      const p = await h.provider(t);
      await p.enqueueForOrchestrator(externalRaised('exists-event'));
      await p.enqueueForOrchestrator(queueMessage('exists-event'));
      assert.equal(await p.instanceExists('exists-event'), false);
    });

    h.test(
      'instanceExists stays true while a fetch holds the queued start and after its first ack',
      async (t) => {
        // A second start of the id must be refused while its first turn runs or commits.
        const p = await h.provider(t);
        await p.enqueueForOrchestrator(startItem('exists-locked'));
        const locked = await fetchFor(p, 'exists-locked');
        assert.equal(await p.getInstance('exists-locked'), null);
        assert.equal(
          await p.instanceExists('exists-locked'),
          true,
          'the start is locked, not gone',
        );
        await p.ackOrchestrationItem(
          locked.lockToken,
          ack(1, {
            historyDelta: [startedEvent('exists-locked', 1)],
            metadata: startMetadata(),
          }),
        );
        assert.equal(await p.instanceExists('exists-locked'), true);
      },
    );

    h.test('instanceExists is true once the instance row exists', async (t) => {
      const p = await h.provider(t);
      await startInstance(p, 'exists-row');
      assert.equal(await p.instanceExists('exists-row'), true);
    });

    h.test(
      'getQueuedStart reports a queued start: untaken, held by a fetch, then left by an abandon',
      async (t) => {
        // getStatus reads Pending only for a start a runtime took and left
        // (docs/decisions/0015-pending-status.md).
        const p = await h.provider(t);
        if (p.getQueuedStart === undefined) return t.skip('optional method not implemented');
        assert.equal(await p.getQueuedStart('qs-none'), null);
        await p.enqueueForOrchestrator(externalRaised('qs-event'));
        assert.equal(await p.getQueuedStart('qs-event'), null, 'only a start counts');
        await p.enqueueForOrchestrator(startItem('qs-1'));
        assert.deepEqual(await p.getQueuedStart('qs-1'), { attemptCount: 0, locked: false });
        const locked = await fetchFor(p, 'qs-1');
        assert.deepEqual(await p.getQueuedStart('qs-1'), { attemptCount: 1, locked: true });
        await p.abandonOrchestrationItem(locked.lockToken, { delayMs: 60_000 });
        assert.deepEqual(await p.getQueuedStart('qs-1'), { attemptCount: 1, locked: false });
      },
    );
  });

  describe('custom status', () => {
    h.test('each ack carrying a custom status increments its version by one', async (t) => {
      const p = await h.provider(t);
      await startInstance(p, 'cs-1');
      assert.equal(await p.getCustomStatus('cs-1', 0), null, 'no custom status yet');

      await turn(p, 'cs-1', { value: '"a"' });
      assert.deepEqual(await p.getCustomStatus('cs-1', 0), { value: '"a"', version: 1 });
      await turn(p, 'cs-1');
      assert.deepEqual(
        await p.getCustomStatus('cs-1', 0),
        { value: '"a"', version: 1 },
        'untouched without metadata',
      );
      await turn(p, 'cs-1', { value: null });
      assert.deepEqual(await p.getCustomStatus('cs-1', 0), { value: null, version: 2 });
      await turn(p, 'cs-1', { value: '"a"' });
      assert.deepEqual(
        await p.getCustomStatus('cs-1', 2),
        { value: '"a"', version: 3 },
        'same value still counts',
      );

      const instance = await p.getInstance('cs-1');
      assert.equal(instance?.customStatus, '"a"');
      assert.equal(instance?.customStatusVersion, 3);
    });

    h.test(
      'getCustomStatus returns null when the version is not newer than the last seen one',
      async (t) => {
        const p = await h.provider(t);
        await startInstance(p, 'cs-2');
        await turn(p, 'cs-2', { value: '"x"' });
        assert.equal(await p.getCustomStatus('cs-2', 1), null);
        assert.equal(await p.getCustomStatus('cs-2', 5), null);
      },
    );

    h.test('getCustomStatus returns null for an unknown instance', async (t) => {
      const p = await h.provider(t);
      assert.equal(await p.getCustomStatus('cs-unknown', 0), null);
    });
  });

  describe('multiple executions (continue-as-new)', () => {
    h.test(
      'acking a new execution id moves the current execution and keeps each history',
      async (t) => {
        const p = await h.provider(t);
        await startInstance(p, 'can-1');
        await continueAsNew(p, 'can-1', 1, '1.0.0');

        const instance = await p.getInstance('can-1');
        assert.equal(instance?.currentExecutionId, 2);
        assert.equal(instance?.status, 'Running');
        assert.deepEqual(await p.listExecutions('can-1'), [1, 2]);
        assert.equal((await p.getExecution('can-1', 1))?.status, 'ContinuedAsNew');
        assert.equal((await p.getExecution('can-1', 2))?.status, 'Running');

        const first = await p.readHistory('can-1', 1);
        assert.deepEqual(
          first.map((e) => e.type),
          ['OrchestrationStarted', 'OrchestrationContinuedAsNew'],
        );
        const latest = await p.readHistory('can-1');
        assert.deepEqual(
          latest.map((e) => [e.executionId, e.type]),
          [[2, 'OrchestrationStarted']],
        );
        assert.deepEqual(await p.readHistory('can-1', 2), latest);
      },
    );

    h.test('a fetch after continue-as-new returns the new execution and its history', async (t) => {
      const p = await h.provider(t);
      await startInstance(p, 'can-2');
      await continueAsNew(p, 'can-2', 1, '1.0.0');
      await p.enqueueForOrchestrator(externalRaised('can-2'));
      const locked = await fetchFor(p, 'can-2');
      assert.equal(locked.item.executionId, 2);
      assert.deepEqual(
        locked.item.history.map((e) => e.executionId),
        [2],
      );
    });

    h.test('each execution records its own orchestration version', async (t) => {
      const p = await h.provider(t);
      await startInstance(p, 'can-3', { version: '1.0.0' });
      await continueAsNew(p, 'can-3', 1, '2.0.0');
      await continueAsNew(p, 'can-3', 2, '3.0.0');
      assert.equal((await p.getExecution('can-3', 1))?.orchestrationVersion, '1.0.0');
      assert.equal((await p.getExecution('can-3', 2))?.orchestrationVersion, '2.0.0');
      assert.equal((await p.getExecution('can-3', 3))?.orchestrationVersion, '3.0.0');
      assert.equal((await p.getInstance('can-3'))?.orchestrationVersion, '3.0.0');
      assert.deepEqual(await p.listExecutions('can-3'), [1, 2, 3]);
      assert.equal(await p.fetchOrchestrationItem(FETCH), null);
    });
  });
}
