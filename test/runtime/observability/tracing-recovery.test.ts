/**
 * Spans on the recovery paths: an execution that ends as poison, and an instance restarted or
 * resumed by an operator inside a span of their own (docs/observability.md, "Traces").
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { context, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Runtime, type OrchestrationContext } from '../../../src/index.js';
import { eventually } from '../../helpers/eventually.js';
import { startHarnessOn, uid } from '../../helpers/runtime-harness.js';
import { STORE_KINDS } from '../../helpers/test-store.js';
import { installOtelSdk, spansOf } from '../../helpers/otel-sdk.js';

const sdk = installOtelSdk();
after(() => sdk.shutdown());

/** The instance's first span named `name`, once it has ended. */
async function spanNamed(instanceId: string, name: string): Promise<ReadableSpan> {
  return eventually(`span '${name}' of ${instanceId}`, () =>
    spansOf(sdk, instanceId).find((s) => s.name === name),
  );
}

/** The execution spans named `name` once there are two (the failed attempt, the resumed one). */
async function attemptSpans(instanceId: string, name: string): Promise<ReadableSpan[]> {
  const spans = await eventually(`two '${name}' spans of ${instanceId}`, () => {
    const found = spansOf(sdk, instanceId).filter((s) => s.name === name);
    return found.length >= 2 ? found : undefined;
  });
  assert.equal(spans.length, 2, 'one span per attempt');
  return spans;
}

/** `Mend` fails after one step at 1.0.0; 2.0.0 (the fix) waits for event `go` after it. */
function registerMend(rt: Runtime): void {
  rt.registerOrchestrationVersioned('Mend', '1.0.0', async (ctx: OrchestrationContext) => {
    await ctx.scheduleActivity('Step', 1);
    throw new Error('bug: missing address');
  });
  rt.registerOrchestrationVersioned('Mend', '2.0.0', async (ctx: OrchestrationContext) => {
    const n = await ctx.scheduleActivity<number>('Step', 1);
    return n + (await ctx.waitForEvent<number>('go'));
  });
  rt.registerActivity('Step', async (_ctx, n: number) => n + 1);
}

/** An OpenTelemetry time in epoch milliseconds. */
function ms(time: readonly [number, number]): number {
  return time[0] * 1000 + time[1] / 1e6;
}

/** Runs `fn` with `span` active, as an instrumented HTTP handler would. */
function inside<T>(span: Span, fn: () => Promise<T>): Promise<T> {
  return context.with(trace.setSpan(context.active(), span), fn);
}

for (const kind of STORE_KINDS) {
  describe(`tracing of recovery on ${kind}`, () => {
    test('an execution that ends as poison after its first turn has its span ended with ERROR status', async (t) => {
      const first = await startHarnessOn(t, kind, (rt) => {
        rt.registerOrchestration('Waits', async (ctx) => ctx.waitForEvent('go'));
      });
      const id = uid('trace-poison');
      await first.client.startOrchestration(id, 'Waits', null);
      await spanNamed(id, 'turn Waits');
      await first.runtime.shutdown(2000);
      // A node without the code: the event's batch is deferred, then poisoned.
      const second = new Runtime(first.provider, {
        logLevel: 'off',
        maxAttempts: 1,
        unregisteredBackoff: { baseMs: 10, maxMs: 10 },
        dispatcherPollIntervalMs: 50,
      });
      await second.start();
      t.after(() => second.shutdown(2000));
      await first.client.raiseEvent(id, 'go', 'now');
      assert.equal((await first.client.waitForOrchestration(id, 30_000)).status, 'Failed');
      const execution = await spanNamed(id, 'orchestration Waits');
      assert.equal(execution.status.code, SpanStatusCode.ERROR);
      assert.match(execution.status.message ?? '', /poison/);
      assert.equal(execution.attributes['duroxide.status'], 'failed');
      const turn = spansOf(sdk, id).find((s) => s.name === 'turn Waits')!;
      assert.equal(turn.parentSpanContext?.spanId, execution.spanContext().spanId);
      assert.equal(spansOf(sdk, id).filter((s) => s.name === 'orchestration Waits').length, 1);
    });

    test("a start poisoned before its first turn still ends an execution span, under the caller's span", async (t) => {
      const { client } = await startHarnessOn(t, kind, () => undefined, {
        maxAttempts: 1,
        unregisteredBackoff: { baseMs: 10, maxMs: 10 },
        dispatcherPollIntervalMs: 50,
      });
      const id = uid('trace-poison-start');
      const caller = trace.getTracer('app').startSpan('POST /ghost');
      await inside(caller, () => client.startOrchestration(id, 'Ghost', null));
      caller.end();
      assert.equal((await client.waitForOrchestration(id, 30_000)).status, 'Failed');
      const execution = await spanNamed(id, 'orchestration Ghost');
      assert.equal(execution.status.code, SpanStatusCode.ERROR);
      assert.equal(execution.spanContext().traceId, caller.spanContext().traceId);
      assert.equal(execution.parentSpanContext?.spanId, caller.spanContext().spanId);
    });

    test("a restart made inside the caller's span starts the new execution as its child", async (t) => {
      const { client } = await startHarnessOn(t, kind, (rt) => {
        rt.registerOrchestration('Greet', async (_ctx, name: string) => `hi ${name}`);
      });
      const id = uid('trace-restart');
      await client.startOrchestration(id, 'Greet', 'ana');
      assert.equal((await client.waitForOrchestration(id, 30_000)).status, 'Completed');
      const caller = trace.getTracer('app').startSpan('POST /restart');
      const restarted = await inside(caller, () => client.restartInstance(id));
      caller.end();
      assert.equal(restarted.outcome, 'restarted');
      const second = await eventually('the execution 2 span', () =>
        spansOf(sdk, id).find(
          (s) => s.name === 'orchestration Greet' && s.attributes['duroxide.execution_id'] === 2,
        ),
      );
      assert.equal(second.spanContext().traceId, caller.spanContext().traceId);
      assert.equal(second.parentSpanContext?.spanId, caller.spanContext().spanId);
    });

    test("a resume made inside the caller's span runs its turn as the caller's child, linked to the execution, and each attempt is one span", async (t) => {
      const { client } = await startHarnessOn(t, kind, (rt) => {
        rt.registerOrchestrationVersioned('Fix', '1.0.0', async (ctx: OrchestrationContext) => {
          await ctx.scheduleActivity('Step', 1);
          throw new Error('bug: missing address');
        });
        rt.registerOrchestrationVersioned('Fix', '2.0.0', async (ctx: OrchestrationContext) => {
          const n = await ctx.scheduleActivity<number>('Step', 1);
          return ctx.scheduleActivity<number>('Step', n);
        });
        rt.registerActivity('Step', async (_ctx, n: number) => n + 1);
      });
      const id = uid('trace-resume');
      await client.startOrchestrationVersioned(id, 'Fix', null, '1.0.0');
      assert.equal((await client.waitForOrchestration(id, 30_000)).status, 'Failed');
      const failed = await spanNamed(id, 'orchestration Fix');
      const caller = trace.getTracer('app').startSpan('POST /resume');
      const resumed = await inside(caller, () => client.resumeInstance(id, { version: '2.0.0' }));
      caller.end();
      assert.equal(resumed.outcome, 'resumed');
      assert.equal((await client.waitForOrchestration(id, 30_000)).output, 3);
      const resume = await spanNamed(id, 'resume Fix');
      assert.equal(resume.parentSpanContext?.spanId, caller.spanContext().spanId);
      assert.deepEqual(
        resume.links.map((l) => l.context.spanId),
        [failed.spanContext().spanId],
      );
      // The activity the resumed code scheduled is a child of the resume turn.
      const steps = await eventually('the resumed activity span', () => {
        const found = spansOf(sdk, id).filter((s) => s.name === 'activity Step');
        return found.length >= 2 ? found : undefined;
      });
      assert.ok(steps.some((s) => s.parentSpanContext?.spanId === resume.spanContext().spanId));
      // The resumed attempt is a new span under the resume turn, linked to the failed one.
      const attempts = await attemptSpans(id, 'orchestration Fix');
      assert.equal(attempts[0]!.spanContext().spanId, failed.spanContext().spanId);
      const again = attempts[1]!;
      assert.notEqual(again.spanContext().spanId, failed.spanContext().spanId);
      assert.equal(again.parentSpanContext?.spanId, resume.spanContext().spanId);
      assert.deepEqual(
        again.links.map((l) => l.context.spanId),
        [failed.spanContext().spanId],
      );
      assert.equal(again.attributes['duroxide.status'], 'success');
    });

    test('an execution resumed by one runtime and finished by another is one span per attempt, with no id emitted twice', async (t) => {
      const first = await startHarnessOn(t, kind, registerMend);
      const id = uid('trace-resume-handover');
      await first.client.startOrchestrationVersioned(id, 'Mend', null, '1.0.0');
      assert.equal((await first.client.waitForOrchestration(id, 30_000)).status, 'Failed');
      const failed = await spanNamed(id, 'orchestration Mend');
      const resumed = await first.client.resumeInstance(id, { version: '2.0.0' });
      assert.equal(resumed.outcome, 'resumed');
      const resume = await spanNamed(id, 'resume Mend');
      await first.runtime.shutdown(2000);
      // A second runtime (a new process, as far as the span objects go) finishes it.
      const second = new Runtime(first.provider, { logLevel: 'off' });
      registerMend(second);
      await second.start();
      t.after(() => second.shutdown(2000));
      await first.client.raiseEvent(id, 'go', 40);
      assert.equal((await first.client.waitForOrchestration(id, 30_000)).output, 42);
      const attempts = await attemptSpans(id, 'orchestration Mend');
      const again = attempts[1]!;
      assert.equal(attempts[0]!.spanContext().spanId, failed.spanContext().spanId);
      assert.notEqual(again.spanContext().spanId, failed.spanContext().spanId);
      assert.equal(again.spanContext().traceId, failed.spanContext().traceId);
      assert.equal(again.parentSpanContext?.spanId, resume.spanContext().spanId);
      assert.deepEqual(
        again.links.map((l) => l.context.spanId),
        [failed.spanContext().spanId],
      );
      assert.equal(again.attributes['duroxide.status'], 'success');
      assert.ok(ms(again.startTime) >= Math.floor(ms(failed.endTime)), 'starts at the resume');
      const spans = spansOf(sdk, id);
      const ids = spans.map((s) => s.spanContext().spanId);
      assert.equal(new Set(ids).size, ids.length, 'no span id emitted twice');
      // The turn the second runtime ran belongs to the resumed attempt.
      const last = spans.filter((s) => s.name === 'turn Mend').at(-1)!;
      assert.equal(last.parentSpanContext?.spanId, again.spanContext().spanId);
    });

    test("an execution resumed without recording a new context (an older version, a node without spans) finishes in the failed attempt's trace, as before", async (t) => {
      const first = await startHarnessOn(t, kind, registerMend);
      const id = uid('trace-resume-old');
      await first.client.startOrchestrationVersioned(id, 'Mend', null, '1.0.0');
      assert.equal((await first.client.waitForOrchestration(id, 30_000)).status, 'Failed');
      const failed = await spanNamed(id, 'orchestration Mend');
      await first.runtime.shutdown(2000);
      // Resumed by a runtime that records no span: the failed attempt's context stays.
      const untraced = new Runtime(first.provider, { logLevel: 'off', tracing: false });
      registerMend(untraced);
      await untraced.start();
      const resumed = await first.client.resumeInstance(id, { version: '2.0.0' });
      assert.equal(resumed.outcome, 'resumed');
      await untraced.shutdown(2000);
      const history = await first.provider.readHistory(id, 1);
      const started = history[0];
      assert.ok(started?.type === 'OrchestrationStarted');
      assert.equal(started.traceContext?.traceparent.split('-')[2], failed.spanContext().spanId);
      const last = new Runtime(first.provider, { logLevel: 'off' });
      registerMend(last);
      await last.start();
      t.after(() => last.shutdown(2000));
      await first.client.raiseEvent(id, 'go', 40);
      assert.equal((await first.client.waitForOrchestration(id, 30_000)).output, 42);
      const attempts = await attemptSpans(id, 'orchestration Mend');
      assert.equal(attempts[1]!.spanContext().spanId, failed.spanContext().spanId);
      assert.equal(attempts[1]!.attributes['duroxide.status'], 'success');
      const turn = spansOf(sdk, id)
        .filter((s) => s.name === 'turn Mend')
        .at(-1)!;
      assert.equal(turn.parentSpanContext?.spanId, failed.spanContext().spanId);
    });
  });
}
