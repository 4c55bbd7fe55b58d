/**
 * Input schemas of orchestration versions (Standard Schema; zod 4 here): every new execution's
 * input is validated before its code runs — a client start, a sub-orchestration, a
 * continue-as-new — and a rejected input fails that execution with INPUT_REJECTED. Replays
 * never re-validate.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { Client, ConfigurationError, ERROR_CODES, Runtime, SqliteProvider, } from '../../src/index.js';
import { startHarness, uid } from '../helpers/runtime-harness.js';
const Order = z.object({ sku: z.string(), quantity: z.number().int().positive() });
async function failure(client, id, executionId) {
    const history = await client.readExecutionHistory(id, executionId);
    const failed = history.find((e) => e.kind === 'OrchestrationFailed');
    assert.ok(failed, `execution ${executionId} of ${id} failed`);
    return JSON.parse(failed.data ?? 'null').details;
}
describe('input schemas', () => {
    test('a start whose input the schema rejects fails with INPUT_REJECTED, listing the issues, and never runs the code', async (t) => {
        let ran = 0;
        const { client } = await startHarness(t, (rt) => rt.registerOrchestration('Order', async () => {
            ran++;
            return 'shipped';
        }, { inputSchema: Order }));
        const id = uid('schema-start');
        await client.startOrchestration(id, 'Order', { sku: 42, quantity: 0 });
        const status = await client.waitForOrchestration(id, 10_000);
        assert.equal(status.status, 'Failed');
        const error = status.status === 'Failed' ? (status.error ?? '') : '';
        assert.match(error, new RegExp(`instance '${id}' execution 1: the input schema of Order@1\\.0\\.0 rejected the input this execution was started with`));
        assert.match(error, /sku: [^;]*; quantity: /);
        assert.match(error, /no orchestration code ran/);
        assert.deepEqual(await failure(client, id, 1), {
            kind: 'InputRejected',
            category: 'configuration',
            message: error,
            retryable: false,
        });
        assert.equal(ran, 0);
        const ok = uid('schema-ok');
        await client.startOrchestration(ok, 'Order', { sku: 'a', quantity: 2 });
        assert.equal((await client.waitForOrchestration(ok, 10_000)).status, 'Completed');
        assert.equal(ran, 1);
    });
    test('the code receives the stored input unchanged: schema transforms and defaults are not applied', async (t) => {
        const { client } = await startHarness(t, (rt) => rt.registerOrchestration('Echo', async (_ctx, input) => input, {
            inputSchema: z.object({ name: z.string().trim(), tries: z.number().default(3) }),
        }));
        const id = uid('schema-echo');
        await client.startOrchestration(id, 'Echo', { name: '  padded  ' });
        assert.deepEqual((await client.waitForOrchestration(id, 10_000)).output, {
            name: '  padded  ',
        });
    });
    test('an asynchronous schema is awaited before the code runs', async (t) => {
        const { client } = await startHarness(t, (rt) => rt.registerOrchestration('Async', async () => 'ran', {
            inputSchema: z
                .string()
                .refine(async (s) => s.startsWith('ok'), { message: 'must start with ok' }),
        }));
        const rejected = uid('schema-async-no');
        const accepted = uid('schema-async-yes');
        await client.startOrchestration(rejected, 'Async', 'nope');
        await client.startOrchestration(accepted, 'Async', 'ok then');
        const status = await client.waitForOrchestration(rejected, 10_000);
        assert.equal(status.status, 'Failed');
        assert.match(status.status === 'Failed' ? (status.error ?? '') : '', /\(root\): must start with ok/);
        assert.equal((await client.waitForOrchestration(accepted, 10_000)).output, 'ran');
    });
    test('a continue-as-new into a version whose schema rejects the input fails that execution clearly', async (t) => {
        let v2Runs = 0;
        const { client } = await startHarness(t, (rt) => {
            rt.registerOrchestration('Loop', async (ctx, state) => ctx.continueAsNew({ total: String(state.count) }));
            rt.registerOrchestrationVersioned('Loop', '2.0.0', async () => {
                v2Runs++;
                return 'v2';
            }, { inputSchema: z.object({ total: z.number() }) });
        });
        const id = uid('schema-can');
        await client.startOrchestrationVersioned(id, 'Loop', { count: 1 }, '1.0.0');
        const status = await client.waitForOrchestration(id, 10_000);
        assert.equal(status.status, 'Failed');
        const error = status.status === 'Failed' ? (status.error ?? '') : '';
        assert.match(error, new RegExp(`instance '${id}' execution 2: the input schema of Loop@2\\.0\\.0 rejected the input a continue-as-new passed into this version`));
        assert.match(error, /total: /);
        assert.match(error, /accept the state earlier versions pass to continueAsNew/);
        assert.deepEqual(await client.listExecutions(id), [1, 2]);
        assert.equal((await client.getExecutionInfo(id, 1)).status, 'ContinuedAsNew');
        assert.equal((await failure(client, id, 2)).kind, 'InputRejected');
        assert.equal(v2Runs, 0);
    });
    test('a sub-orchestration whose input the child schema rejects fails the child, and the parent with it (a configuration error)', async (t) => {
        const { client } = await startHarness(t, (rt) => {
            rt.registerOrchestration('Child', async () => 'child ran', { inputSchema: z.number() });
            rt.registerOrchestration('Parent', async (ctx) => ctx.scheduleSubOrchestrationWithId('Child', `${ctx.instanceId}-child`, 'not a number'));
        });
        const id = uid('schema-parent');
        await client.startOrchestration(id, 'Parent', null);
        const status = await client.waitForOrchestration(id, 10_000);
        assert.equal(status.status, 'Failed', 'configuration errors are not catchable by the parent');
        assert.match(status.status === 'Failed' ? (status.error ?? '') : '', /input schema of Child@1\.0\.0 rejected/);
        assert.equal((await failure(client, id, 1)).kind, 'InputRejected');
        assert.equal((await failure(client, `${id}-child`, 1)).kind, 'InputRejected');
    });
    test('a replay never re-validates: an execution started before a stricter schema still completes', async (t) => {
        const dir = mkdtempSync(join(tmpdir(), 'duroxide-schema-replay-'));
        t.after(() => rmSync(dir, { recursive: true, force: true }));
        const url = `sqlite:${join(dir, 'replay.db')}`;
        const flow = async (ctx, input) => ({
            input,
            go: await ctx.waitForEvent('go'),
        });
        const id = uid('schema-replay');
        const before = await SqliteProvider.open(url);
        const loose = new Runtime(before, { logLevel: 'off' });
        loose.registerOrchestration('Flow', flow);
        await loose.start();
        const client = new Client(before);
        await client.startOrchestration(id, 'Flow', 'old shape');
        for (let i = 0; i < 500 &&
            !(await client.readExecutionHistory(id, 1).catch(() => [])).some((e) => e.kind === 'ExternalSubscribed'); i++) {
            await new Promise((r) => setTimeout(r, 10));
        }
        await loose.shutdown(2000);
        await before.close();
        const after = await SqliteProvider.open(url);
        const strict = new Runtime(after, { logLevel: 'off' });
        strict.registerOrchestration('Flow', flow, {
            inputSchema: z.object({ shape: z.literal('new') }),
        });
        await strict.start();
        t.after(async () => {
            await strict.shutdown(2000);
            await after.close();
        });
        const again = new Client(after);
        await again.raiseEvent(id, 'go', 1);
        assert.deepEqual((await again.waitForOrchestration(id, 10_000)).output, {
            input: 'old shape',
            go: 1,
        });
    });
    test('registering an inputSchema that is not a Standard Schema is refused with INVALID_REGISTRATION', async (t) => {
        const provider = await SqliteProvider.inMemory();
        t.after(() => provider.close());
        const rt = new Runtime(provider, { logLevel: 'off' });
        for (const bad of [{}, { '~standard': { version: 1 } }, (x) => x, 'z.string()']) {
            assert.throws(() => rt.registerOrchestrationVersioned('Bad', '1.0.0', async () => null, {
                inputSchema: bad,
            }), (e) => e instanceof ConfigurationError &&
                e.code === ERROR_CODES.INVALID_REGISTRATION &&
                /Standard Schema/.test(e.message));
        }
        assert.doesNotThrow(() => rt.registerOrchestration('Good', async () => null, { inputSchema: z.unknown() }));
    });
});
//# sourceMappingURL=input-schema.test.js.map