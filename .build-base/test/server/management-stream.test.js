/**
 * `GET /api/v1/stream` delivers an instance's status change and the metrics as Server-Sent
 * Events, on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startManagementHarness } from '../helpers/management-harness.js';
import { uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS } from '../helpers/test-store.js';
/** Reads an SSE body; `until` resolves with every event so far once `done` holds. */
function sseReader(body) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const events = [];
    let buffer = '';
    return {
        async until(done) {
            while (!done(events)) {
                const { value, done: ended } = await reader.read();
                if (ended)
                    assert.fail(`the stream ended; events so far: ${JSON.stringify(events)}`);
                buffer += decoder.decode(value, { stream: true });
                let cut;
                while ((cut = buffer.indexOf('\n\n')) >= 0) {
                    const block = buffer.slice(0, cut);
                    buffer = buffer.slice(cut + 2);
                    const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
                    const data = [...block.matchAll(/^data: (.*)$/gm)].map((m) => m[1]).join('\n');
                    events.push({ event, data });
                }
            }
            return events;
        },
        // The server may already be closed by the harness's own cleanup (which ends the stream).
        close: () => reader.cancel().catch(() => undefined),
    };
}
function statusesOf(events, instanceId) {
    return events
        .filter((e) => e.event === 'instance')
        .map((e) => JSON.parse(e.data))
        .filter((i) => i.instanceId === instanceId)
        .map((i) => i.status);
}
for (const kind of STORE_KINDS) {
    describe(`management event stream on ${kind}`, () => {
        test(`streams an instance's status change and the metrics on ${kind}`, async (t) => {
            const h = await startManagementHarness(t, kind);
            const id = uid('sse');
            const res = await fetch(`${h.server.url}/api/v1/stream?intervalMs=100`);
            assert.equal(res.status, 200);
            assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
            const sse = sseReader(res.body);
            t.after(() => sse.close());
            await h.client.startOrchestration(id, 'Waiter');
            await sse.until((events) => statusesOf(events, id).includes('Running'));
            await h.client.raiseEvent(id, 'go', 1);
            const events = await sse.until((all) => statusesOf(all, id).includes('Completed'));
            assert.deepEqual(statusesOf(events, id), ['Running', 'Completed']);
            const metrics = events.find((e) => e.event === 'metrics');
            assert.ok(metrics !== undefined);
            assert.equal(typeof JSON.parse(metrics.data).metrics
                .totalInstances, 'number');
        });
    });
}
test('refuses a stream poll interval outside 100–60000 ms', async (t) => {
    const h = await startManagementHarness(t, 'sqlite');
    const res = await h.api('GET', '/api/v1/stream?intervalMs=5');
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 'INVALID_INPUT');
});
//# sourceMappingURL=management-stream.test.js.map