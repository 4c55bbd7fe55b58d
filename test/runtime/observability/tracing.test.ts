import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { context, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Runtime } from '../../../src/index.js';
import { eventually } from '../../helpers/eventually.js';
import { startHarnessOn, uid } from '../../helpers/runtime-harness.js';
import { STORE_KINDS } from '../../helpers/test-store.js';
import { installOtelSdk, spansOf } from '../../helpers/otel-sdk.js';

const sdk = installOtelSdk();
after(() => sdk.shutdown());

/**
 * The instance's spans once its last execution span has ended (the client may see the instance
 * finish a moment before the runtime that committed it ends the span).
 */
async function settledSpans(instanceId: string, executions = 1): Promise<ReadableSpan[]> {
  return eventually(`${executions} execution span(s) of ${instanceId}`, () => {
    const spans = spansOf(sdk, instanceId);
    const ended = spans.filter((s) => s.name.startsWith('orchestration ')).length;
    return ended >= executions ? spans : undefined;
  });
}

function parentId(span: {
  parentSpanContext?: { spanId: string } | undefined;
}): string | undefined {
  return span.parentSpanContext?.spanId;
}

for (const kind of STORE_KINDS) {
  describe(`tracing on ${kind}`, () => {
    test('an execution is one span with a child span per turn and per activity attempt', async (t) => {
      const { client } = await startHarnessOn(t, kind, (rt) => {
        rt.registerActivity('Add', async (_ctx, n: number) => {
          trace.getTracer('app').startSpan('inside the activity').end();
          return n + 1;
        });
        rt.registerOrchestration('Chain', async (ctx, n: number) => {
          const a = await ctx.scheduleActivity('Add', n);
          return ctx.scheduleActivity('Add', a);
        });
      });
      const id = uid('trace-chain');
      await client.startOrchestration(id, 'Chain', 1);
      const status = await client.waitForOrchestration(id, 30_000);
      assert.equal(status.status, 'Completed');
      const spans = await settledSpans(id);
      const execution = spans.filter((s) => s.name === 'orchestration Chain');
      assert.equal(execution.length, 1, 'one execution span');
      const exec = execution[0]!;
      assert.equal(exec.attributes['orchestration.version'], '1.0.0');
      const turns = spans.filter((s) => s.name === 'turn Chain');
      const activities = spans.filter((s) => s.name === 'activity Add');
      assert.equal(turns.length, 3, 'three turns: start, after each activity');
      assert.equal(activities.length, 2);
      for (const s of [...turns, ...activities])
        assert.equal(s.spanContext().traceId, exec.spanContext().traceId);
      for (const turn of turns) assert.equal(parentId(turn), exec.spanContext().spanId);
      const turnIds = new Set(turns.map((s) => s.spanContext().spanId));
      for (const a of activities) assert.ok(turnIds.has(parentId(a)!), 'activity under a turn');
      const inner = sdk.spans.getFinishedSpans().filter((s) => s.name === 'inside the activity');
      assert.ok(
        inner.some((s) => activities.some((a) => a.spanContext().spanId === parentId(s))),
        "the handler's own span is a child of its activity span",
      );
    });

    test("a start made inside the caller's span continues the caller's trace", async (t) => {
      const { client } = await startHarnessOn(t, kind, (rt) => {
        rt.registerOrchestration('Greet', async (_ctx, name: string) => `hi ${name}`);
      });
      const id = uid('trace-caller');
      const caller = trace.getTracer('app').startSpan('POST /greet');
      await context.with(trace.setSpan(context.active(), caller), () =>
        client.startOrchestration(id, 'Greet', 'ana'),
      );
      caller.end();
      assert.equal((await client.waitForOrchestration(id, 30_000)).output, 'hi ana');
      const exec = (await settledSpans(id)).find((s) => s.name === 'orchestration Greet')!;
      assert.equal(exec.spanContext().traceId, caller.spanContext().traceId);
      assert.equal(parentId(exec), caller.spanContext().spanId);
    });

    test('a sub-orchestration execution is a child of the parent turn that started it, in the same trace', async (t) => {
      const { client } = await startHarnessOn(t, kind, (rt) => {
        rt.registerOrchestration('Child', async (_ctx, n: number) => n * 2);
        rt.registerOrchestration('Parent', async (ctx, n: number) => {
          return ctx.scheduleSubOrchestrationWithId('Child', `${ctx.instanceId}-child`, n);
        });
      });
      const id = uid('trace-parent');
      await client.startOrchestration(id, 'Parent', 4);
      assert.equal((await client.waitForOrchestration(id, 30_000)).output, 8);
      const parentSpans = await settledSpans(id);
      const childSpans = await settledSpans(`${id}-child`);
      const parentExec = parentSpans.find((s) => s.name === 'orchestration Parent')!;
      const childExec = childSpans.find((s) => s.name === 'orchestration Child')!;
      assert.ok(parentExec !== undefined && childExec !== undefined);
      assert.equal(childExec.spanContext().traceId, parentExec.spanContext().traceId);
      const parentTurns = parentSpans.filter((s) => s.name === 'turn Parent');
      assert.ok(
        parentTurns.some((turn) => turn.spanContext().spanId === parentId(childExec)),
        'the child execution span is a child of a parent turn span',
      );
    });

    test('replaying a history emits no span for the replayed part: every turn is emitted once', async (t) => {
      const { client } = await startHarnessOn(
        t,
        kind,
        (rt) => {
          rt.registerActivity('Echo', async (_ctx, v: number) => v);
          rt.registerOrchestration('Steps', async (ctx) => {
            let sum = 0;
            for (let i = 0; i < 4; i++) sum += await ctx.scheduleActivity<number>('Echo', i);
            return sum;
          });
        },
        // No cache and no local hand-off: every turn replays the whole history.
        { instanceCacheSize: 0, localActivities: false },
      );
      const id = uid('trace-replay');
      await client.startOrchestration(id, 'Steps', null);
      assert.equal((await client.waitForOrchestration(id, 30_000)).output, 6);
      const spans = await settledSpans(id);
      assert.equal(spans.filter((s) => s.name === 'orchestration Steps').length, 1);
      assert.equal(spans.filter((s) => s.name === 'turn Steps').length, 5);
      assert.equal(spans.filter((s) => s.name === 'activity Echo').length, 4);
    });

    test('continue-as-new starts the next execution span in the same trace, under the previous execution', async (t) => {
      const { client } = await startHarnessOn(t, kind, (rt) => {
        rt.registerOrchestration('Loop', async (ctx, n: number) => {
          if (n >= 2) return n;
          return ctx.continueAsNew(n + 1);
        });
      });
      const id = uid('trace-can');
      await client.startOrchestration(id, 'Loop', 0);
      assert.equal((await client.waitForOrchestration(id, 30_000)).output, 2);
      const executions = (await settledSpans(id, 3))
        .filter((s) => s.name === 'orchestration Loop')
        .sort(
          (a, b) =>
            Number(a.attributes['duroxide.execution_id']) -
            Number(b.attributes['duroxide.execution_id']),
        );
      assert.equal(executions.length, 3);
      assert.deepEqual(
        executions.map((s) => s.attributes['duroxide.status']),
        ['continuedAsNew', 'continuedAsNew', 'success'],
      );
      assert.equal(new Set(executions.map((s) => s.spanContext().traceId)).size, 1);
      assert.equal(parentId(executions[1]!), executions[0]!.spanContext().spanId);
      assert.equal(parentId(executions[2]!), executions[1]!.spanContext().spanId);
    });

    test('an execution finished by another runtime is emitted once, with the ids its turns point to', async (t) => {
      const first = await startHarnessOn(t, kind, (rt) => {
        rt.registerOrchestration('Waits', async (ctx) => ctx.waitForEvent('go'));
      });
      const id = uid('trace-handover');
      await first.client.startOrchestration(id, 'Waits', null);
      await eventually('the first turn', () =>
        spansOf(sdk, id).some((s) => s.name === 'turn Waits'),
      );
      await first.runtime.shutdown(2000);
      // A second runtime (a new process, as far as the span objects go) finishes it.
      const second = new Runtime(first.provider, { logLevel: 'off' });
      second.registerOrchestration('Waits', async (ctx) => ctx.waitForEvent('go'));
      await second.start();
      t.after(() => second.shutdown(2000));
      await first.client.raiseEvent(id, 'go', 'now');
      assert.equal((await first.client.waitForOrchestration(id, 30_000)).output, 'now');
      const spans = await settledSpans(id);
      const executions = spans.filter((s) => s.name === 'orchestration Waits');
      assert.equal(executions.length, 1);
      const turns = spans.filter((s) => s.name === 'turn Waits');
      assert.equal(turns.length, 2);
      for (const turn of turns) assert.equal(parentId(turn), executions[0]!.spanContext().spanId);
    });
  });
}
