import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { trace } from '@opentelemetry/api';
import { startHarnessOn, uid } from '../../helpers/runtime-harness.js';
import { STORE_KINDS } from '../../helpers/test-store.js';
import { installOtelSdk, spansOf } from '../../helpers/otel-sdk.js';

const sdk = installOtelSdk();
after(() => sdk.shutdown());

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
      const status = await client.waitForOrchestration(id, 10_000);
      assert.equal(status.status, 'Completed');
      const spans = spansOf(sdk, id);
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
  });
}
