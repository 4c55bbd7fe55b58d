/**
 * What tracing costs when it is sampled out or switched off (docs/observability.md, "How the
 * trace survives replay…", and the `tracing` runtime option): an unsampled execution starts no
 * turn or activity span and keeps its handlers' spans out; `tracing: false` starts none at all.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  context,
  trace,
  SamplingDecision,
  type Context,
  type Sampler,
  type SamplingResult,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { eventually } from '../../helpers/eventually.js';
import { startHarnessOn, uid } from '../../helpers/runtime-harness.js';
import { STORE_KINDS } from '../../helpers/test-store.js';

/**
 * Children follow their parent; a root is sampled unless it is an execution span, so an
 * execution started without a caller is left out, and a handler span that lost its parent
 * (a root) would be kept — and seen by the test.
 */
const sampler: Sampler = {
  shouldSample(parent: Context, _traceId: string, name: string): SamplingResult {
    const sc = trace.getSpanContext(parent);
    if (sc !== undefined)
      return {
        decision:
          (sc.traceFlags & 1) === 1
            ? SamplingDecision.RECORD_AND_SAMPLED
            : SamplingDecision.NOT_RECORD,
      };
    return {
      decision: name.startsWith('orchestration ')
        ? SamplingDecision.NOT_RECORD
        : SamplingDecision.RECORD_AND_SAMPLED,
    };
  },
  toString: () => 'roots except executions',
};

const spans = new InMemorySpanExporter();
const provider = new BasicTracerProvider({
  sampler,
  spanProcessors: [new SimpleSpanProcessor(spans)],
});
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(provider);
after(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
});

const named = (name: string, input: string) =>
  spans.getFinishedSpans().filter((s) => s.name === name && s.attributes['input'] === input);

for (const kind of STORE_KINDS) {
  describe(`sampling on ${kind}`, () => {
    test("an unsampled execution starts no turn or activity span, and its handlers' spans stay out", async (t) => {
      const { client } = await startHarnessOn(t, kind, (rt) => {
        rt.registerActivity('Note', async (_ctx, input: string) => {
          trace.getTracer('app').startSpan('inside the activity', { attributes: { input } }).end();
          return input;
        });
        rt.registerOrchestration('Notes', async (ctx, input: string) =>
          ctx.scheduleActivity('Note', input),
        );
      });
      const unsampled = uid('unsampled');
      await client.startOrchestration(unsampled, 'Notes', unsampled);
      assert.equal((await client.waitForOrchestration(unsampled, 30_000)).output, unsampled);
      // A sampled one (started inside a sampled caller span) shows the spans would be there.
      const sampled = uid('sampled');
      const caller = trace.getTracer('app').startSpan('POST /notes');
      await context.with(trace.setSpan(context.active(), caller), () =>
        client.startOrchestration(sampled, 'Notes', sampled),
      );
      caller.end();
      assert.equal((await client.waitForOrchestration(sampled, 30_000)).output, sampled);
      await eventually('the sampled execution span', () =>
        spans
          .getFinishedSpans()
          .some(
            (s) =>
              s.name === 'orchestration Notes' && s.attributes['duroxide.instance_id'] === sampled,
          ),
      );
      assert.equal(named('inside the activity', sampled).length, 1);
      const of = (id: string) =>
        spans.getFinishedSpans().filter((s) => s.attributes['duroxide.instance_id'] === id);
      assert.deepEqual(
        of(sampled)
          .map((s) => s.name)
          .sort(),
        ['activity Note', 'orchestration Notes', 'turn Notes', 'turn Notes'],
      );
      assert.deepEqual(of(unsampled), []);
      assert.deepEqual(named('inside the activity', unsampled), []);
    });

    test('with tracing: false the runtime starts no span, even inside a sampled caller', async (t) => {
      const { client } = await startHarnessOn(
        t,
        kind,
        (rt) => {
          rt.registerOrchestration('Quiet', async (_ctx, input: string) => input);
        },
        { tracing: false },
      );
      const id = uid('quiet');
      const caller = trace.getTracer('app').startSpan('POST /quiet');
      await context.with(trace.setSpan(context.active(), caller), () =>
        client.startOrchestration(id, 'Quiet', id),
      );
      caller.end();
      assert.equal((await client.waitForOrchestration(id, 30_000)).output, id);
      await eventually('the caller span', () =>
        spans.getFinishedSpans().some((s) => s.name === 'POST /quiet'),
      );
      assert.deepEqual(
        spans.getFinishedSpans().filter((s) => s.attributes['duroxide.instance_id'] === id),
        [],
      );
    });
  });
}
