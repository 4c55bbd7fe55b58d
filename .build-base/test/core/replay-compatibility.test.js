/**
 * Which code changes break the replay of a running execution and which do not — the facts
 * docs/versioning.md "DO and DON'T" states. Each case records a turn with the old code, then
 * replays that history with the changed code on a fresh engine.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeEngine } from '../helpers/engine-harness.js';
/** Records one turn of `before`, then replays it with `after`; the replay's error kind, if any. */
async function replayKind(before, after) {
    const recorder = makeEngine(before, []);
    const recorded = await recorder.runTurn([]);
    assert.equal(recorded.error, undefined, 'the old code runs');
    const history = [...recorded.historyDelta];
    const replay = await makeEngine(after, history).runTurn([]);
    return replay.error?.kind;
}
const wait = async (ctx) => ctx.waitForEvent('go');
describe('replay compatibility of code changes', () => {
    test('a changed timer duration replays: timers match by position only', async () => {
        const kind = await replayKind(async (ctx) => ctx.scheduleTimer(1_000), async (ctx) => ctx.scheduleTimer(60_000));
        assert.equal(kind, undefined);
    });
    test('a changed activity input breaks replay', async () => {
        const kind = await replayKind(async (ctx) => ctx.scheduleActivity('Charge', { amount: 10 }), async (ctx) => ctx.scheduleActivity('Charge', { amount: 20 }));
        assert.equal(kind, 'Nondeterminism');
    });
    test('a renamed activity breaks replay', async () => {
        const kind = await replayKind(async (ctx) => ctx.scheduleActivity('Charge'), async (ctx) => ctx.scheduleActivity('ChargeCard'));
        assert.equal(kind, 'Nondeterminism');
    });
    test('a scheduling call inserted before recorded ones breaks replay', async () => {
        const kind = await replayKind(async (ctx) => ctx.scheduleActivity('Charge'), async (ctx) => {
            void ctx.scheduleActivity('Audit');
            return ctx.scheduleActivity('Charge');
        });
        assert.equal(kind, 'Nondeterminism');
    });
    test('a removed recorded call breaks replay', async () => {
        const kind = await replayKind(async (ctx) => Promise.all([ctx.scheduleActivity('A'), ctx.scheduleActivity('B')]), async (ctx) => ctx.scheduleActivity('A'));
        assert.equal(kind, 'Nondeterminism');
    });
    test('reordered calls break replay', async () => {
        const kind = await replayKind(async (ctx) => Promise.all([ctx.scheduleActivity('A'), ctx.scheduleActivity('B')]), async (ctx) => Promise.all([ctx.scheduleActivity('B'), ctx.scheduleActivity('A')]));
        assert.equal(kind, 'Nondeterminism');
    });
    test('a renamed external event breaks replay', async () => {
        const kind = await replayKind(wait, async (ctx) => ctx.waitForEvent('start'));
        assert.equal(kind, 'Nondeterminism');
    });
    test('a sub-orchestration asked for another version replays: only its name and input are compared', async () => {
        const kind = await replayKind(async (ctx) => ctx.scheduleSubOrchestrationVersioned('Child', '1.0.0', 1), async (ctx) => ctx.scheduleSubOrchestrationVersioned('Child', '2.0.0', 1));
        assert.equal(kind, undefined);
    });
    test('a changed custom status value replays; a changed KV value does not', async () => {
        assert.equal(await replayKind(async (ctx) => {
            ctx.setCustomStatus('old');
            return wait(ctx);
        }, async (ctx) => {
            ctx.setCustomStatus('new');
            return wait(ctx);
        }), undefined);
        assert.equal(await replayKind(async (ctx) => {
            ctx.setValue('k', 1);
            return wait(ctx);
        }, async (ctx) => {
            ctx.setValue('k', 2);
            return wait(ctx);
        }), 'Nondeterminism');
    });
    test('a removed KV write is tolerated only when no scheduling call follows it in the same step', async () => {
        const last = await replayKind(async (ctx) => {
            const go = wait(ctx);
            ctx.setValue('k', 1);
            return go;
        }, wait);
        assert.equal(last, undefined);
        const followed = await replayKind(async (ctx) => {
            ctx.setValue('k', 1);
            return wait(ctx);
        }, wait);
        assert.equal(followed, 'Nondeterminism');
    });
    test('trace text and pure computation may change freely', async () => {
        const kind = await replayKind(async (ctx) => {
            ctx.traceInfo('v1');
            return ctx.scheduleActivity('A', 1 + 1);
        }, async (ctx) => {
            ctx.traceInfo('v1.0.1: different words');
            return ctx.scheduleActivity('A', 4 / 2);
        });
        assert.equal(kind, undefined);
    });
});
//# sourceMappingURL=replay-compatibility.test.js.map