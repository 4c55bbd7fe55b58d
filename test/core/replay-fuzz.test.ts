/**
 * Property: any array of history events fed to the replay engine ends in a turn result or a
 * typed error — never a TypeError, RangeError or a hang. Histories are generated from the real
 * event kinds with random ids, names and payloads (corrupt, reordered, duplicated), then replayed
 * against an orchestration that schedules an activity, a timer and an event wait.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isDuroxideError } from '../../src/core/errors/duroxide-error.js';
import type { OrchestrationContext } from '../../src/core/context/orchestration-context.js';
import { makeEngine } from '../helpers/engine-harness.js';

const json = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 20 }),
);
const name = fc.constantFrom('Work', 'Other', 'go', '');

const kind = fc.oneof(
  fc.record({
    type: fc.constant('OrchestrationStarted'),
    name: fc.constant('Flow'),
    version: fc.constant('1.0.0'),
    input: json,
  }),
  fc.record({ type: fc.constant('ActivityScheduled'), name, input: json }),
  fc.record({ type: fc.constant('ActivityCompleted'), result: json }),
  fc.record({
    type: fc.constant('ActivityFailed'),
    details: fc.record({
      category: fc.constant('application' as const),
      kind: fc.constant('ActivityFailed'),
      message: fc.string(),
    }),
  }),
  fc.record({ type: fc.constant('TimerCreated'), fireAt: fc.integer({ min: 0, max: 2 ** 40 }) }),
  fc.record({ type: fc.constant('TimerFired'), fireAt: fc.integer({ min: 0, max: 2 ** 40 }) }),
  fc.record({ type: fc.constant('ExternalSubscribed'), name }),
  fc.record({ type: fc.constant('ExternalEvent'), name, data: json }),
  fc.record({ type: fc.constant('OrchestrationCompleted'), output: json }),
);

const historyArb = fc
  .array(
    fc.record({
      kind,
      eventId: fc.integer({ min: 0, max: 12 }),
      sourceEventId: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
    }),
    { maxLength: 10 },
  )
  .map((rows) =>
    rows.map((r, i) => ({
      eventId: r.eventId === 0 ? i + 1 : r.eventId,
      instanceId: 'inst-1',
      executionId: 1,
      timestampMs: 1,
      duroxideVersion: '0.1.0',
      ...(r.sourceEventId === undefined ? {} : { sourceEventId: r.sourceEventId }),
      ...r.kind,
    })),
  );

async function flow(ctx: OrchestrationContext): Promise<unknown> {
  const a = await ctx.scheduleActivity('Work', 1);
  await ctx.scheduleTimer(10);
  const e = await ctx.waitForEvent('go');
  return [a, e];
}

test('random histories end in a turn result or a typed error, never a raw exception', async () => {
  await fc.assert(
    fc.asyncProperty(historyArb, async (history) => {
      try {
        const result = await makeEngine(flow, history).runTurn([]);
        assert.ok(typeof result === 'object' && result !== null);
      } catch (error) {
        assert.ok(
          isDuroxideError(error),
          `untyped ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
        );
      }
    }),
    { numRuns: 300, seed: 14 },
  );
});
