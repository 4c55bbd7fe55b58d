/**
 * Bad input gets a clear error or the documented outcome — never a crashed runtime, never a
 * corrupted or lost instance.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InstanceAlreadyExistsError, InstanceNotFoundError, InvalidInputError, ConfigurationError, TimeoutError, } from '../../src/index.js';
import { startHarness, uid } from '../helpers/runtime-harness.js';
const circular = () => {
    const o = {};
    o['self'] = o;
    return o;
};
describe('client input validation', () => {
    test('non-JSON inputs are rejected at the call site and nothing is stored', async (t) => {
        const { client } = await startHarness(t, (rt) => rt.registerOrchestration('Noop', async () => 1));
        for (const [bad, pattern] of [
            [10n, /BigInt/],
            [circular(), /circular/],
            [{ when: new Date() }, /Date/],
            [{ f: () => 1 }, /function/],
            [[1, undefined], /undefined/],
            [Number.NaN, /NaN/],
        ]) {
            const id = uid('bad');
            await assert.rejects(client.startOrchestration(id, 'Noop', bad), (e) => {
                assert.ok(e instanceof InvalidInputError, String(e));
                assert.match(e.message, pattern);
                return true;
            });
            assert.equal((await client.getStatus(id)).status, 'NotFound');
        }
    });
    test('malformed instance ids and names are rejected with the problem named', async (t) => {
        const { client } = await startHarness(t, () => undefined);
        await assert.rejects(client.startOrchestration('', 'X'), /instance id must be a non-empty string/);
        await assert.rejects(client.startOrchestration(42, 'X'), /instance id must be a non-empty string/);
        await assert.rejects(client.startOrchestration('sub::x', 'X'), /reserved for sub-orchestrations/);
        await assert.rejects(client.startOrchestration('a::sub::1', 'X'), /reserved/);
        await assert.rejects(client.startOrchestration('ok', ''), /orchestration name must be a non-empty string/);
        await assert.rejects(client.startOrchestrationVersioned('ok', 'X', null, 'v2'), /semver/);
        await assert.rejects(client.listInstancesByStatus('Done'), /status must be one of/);
        await assert.rejects(client.getExecutionInfo('ok', 0), /executionId must be a positive integer/);
    });
    test("with ifExists 'error', starting an instance id that already exists is refused and the first instance is untouched", async (t) => {
        const { client } = await startHarness(t, (rt) => rt.registerOrchestration('Echo', async (_c, x) => x));
        const id = uid('dup');
        await client.startOrchestration(id, 'Echo', 'first');
        await assert.rejects(client.startOrchestration(id, 'Echo', 'second', { ifExists: 'error' }), InstanceAlreadyExistsError);
        assert.equal((await client.waitForOrchestration(id, 10_000)).output, 'first');
        await assert.rejects(client.startOrchestrationVersioned(id, 'Echo', 'third', '1.0.0', { ifExists: 'error' }), InstanceAlreadyExistsError);
        assert.equal((await client.getStatus(id)).output, 'first');
    });
    test('starting an instance id that already exists does nothing by default, as in duroxide-node', async (t) => {
        const { client } = await startHarness(t, (rt) => rt.registerOrchestration('Echo', async (_c, x) => x));
        const id = uid('dup-ignored');
        await client.startOrchestration(id, 'Echo', 'first');
        await client.startOrchestration(id, 'Echo', 'queued twice');
        assert.equal((await client.waitForOrchestration(id, 10_000)).output, 'first');
        await client.startOrchestration(id, 'Echo', 'after completion', { ifExists: 'ignore' });
        await client.startOrchestrationVersioned(id, 'Echo', 'versioned', '1.0.0');
        assert.equal((await client.getStatus(id)).output, 'first');
        assert.deepEqual(await client.listExecutions(id), [1]);
        await assert.rejects(client.startOrchestration(id, 'Echo', 'x', { ifExists: 'replace' }), /ifExists must be 'ignore' or 'error'/);
    });
    test('events to a missing instance are refused; events to a finished instance are dropped', async (t) => {
        const { client } = await startHarness(t, (rt) => rt.registerOrchestration('Echo', async (_c, x) => x));
        await assert.rejects(client.raiseEvent('nope', 'E', 1), InstanceNotFoundError);
        await assert.rejects(client.enqueueEvent('nope', 'Q', 1), InstanceNotFoundError);
        await client.cancelInstance('nope'); // documented no-op
        const id = uid('done');
        await client.startOrchestration(id, 'Echo', 'x');
        await client.waitForOrchestration(id, 10_000);
        await client.raiseEvent(id, 'Late', 1);
        await client.cancelInstance(id, 'too late');
        await new Promise((r) => setTimeout(r, 100));
        const s = await client.getStatus(id);
        assert.equal(s.status, 'Completed');
        assert.equal(s.output, 'x');
    });
    test('waitForOrchestration times out with a retryable TimeoutError', async (t) => {
        const { client } = await startHarness(t, (rt) => rt.registerOrchestration('Wait', async (ctx) => ctx.waitForEvent('never')));
        const id = uid('wait');
        await client.startOrchestration(id, 'Wait');
        await assert.rejects(client.waitForOrchestration(id, 50), (e) => e instanceof TimeoutError && e.retryable);
    });
});
describe('registration errors', () => {
    test('duplicate and non-semver registrations fail at registration with a clear error', async (t) => {
        await startHarness(t, (rt) => {
            rt.registerOrchestration('A', async () => 1);
            assert.throws(() => rt.registerOrchestration('A', async () => 2), (e) => e instanceof ConfigurationError && /already registered/.test(e.message));
            assert.throws(() => rt.registerOrchestrationVersioned('A', 'latest', async () => 2), /version must be a semver string/);
            assert.throws(() => rt.registerOrchestrationVersioned('A', '1.0.0', async () => 2), /already registered/);
            rt.registerActivity('Act', async () => 1);
            assert.throws(() => rt.registerActivity('Act', async () => 1), /already registered/);
            assert.throws(() => rt.registerActivity('__duroxide_syscall:x', async () => 1), /reserved prefix/);
            assert.throws(() => rt.setVersionPolicy('A', { exact: 'one' }), /must be 'latest' or/);
        });
    });
});
describe('orchestration code misbehaving', () => {
    test('an orchestration that throws synchronously fails with its message; the runtime keeps working', async (t) => {
        const { client } = await startHarness(t, (rt) => {
            rt.registerOrchestration('Sync', () => {
                throw new Error('sync boom');
            });
            rt.registerOrchestration('Gen', function* () {
                throw new Error('gen boom');
            });
            rt.registerOrchestration('Ok', async () => 'fine');
        });
        const a = uid('sync');
        const b = uid('gen');
        const c = uid('ok');
        await client.startOrchestration(a, 'Sync');
        await client.startOrchestration(b, 'Gen');
        await client.startOrchestration(c, 'Ok');
        assert.equal((await client.waitForOrchestration(a, 10_000)).error, 'sync boom');
        assert.equal((await client.waitForOrchestration(b, 10_000)).error, 'gen boom');
        assert.equal((await client.waitForOrchestration(c, 10_000)).output, 'fine');
    });
    test('awaiting a non-durable promise fails the instance with a configuration error naming the cause', async (t) => {
        const { client } = await startHarness(t, (rt) => rt.registerOrchestration('Sneaky', async () => {
            await new Promise((r) => setTimeout(r, 20));
            return 'never';
        }));
        const id = uid('sneaky');
        await client.startOrchestration(id, 'Sneaky');
        const s = await client.waitForOrchestration(id, 10_000);
        assert.equal(s.status, 'Failed');
        assert.match(s.error, /not a durable task/);
    });
    test('an orchestration output that is not JSON fails the instance with a clear message', async (t) => {
        const { client } = await startHarness(t, (rt) => rt.registerOrchestration('Big', async () => 10n));
        const id = uid('big');
        await client.startOrchestration(id, 'Big');
        const s = await client.waitForOrchestration(id, 10_000);
        assert.match(s.error, /orchestration output of instance .* cannot be stored: orchestration output is a BigInt/);
    });
    test('an activity input that is not JSON throws inside the orchestration at the call site', async (t) => {
        const { client } = await startHarness(t, (rt) => {
            rt.registerActivity('A', async () => 1);
            rt.registerOrchestration('BadCall', async (ctx) => {
                try {
                    await ctx.scheduleActivity('A', { n: 1n });
                    return 'scheduled';
                }
                catch (e) {
                    return `${e.name}: ${e.message}`;
                }
            });
        });
        const id = uid('badcall');
        await client.startOrchestration(id, 'BadCall');
        assert.equal((await client.waitForOrchestration(id, 10_000)).output, 'InvalidInputError: activity input.n is a BigInt, which JSON cannot represent (convert it to a string)');
    });
    test('an activity result that is not JSON fails that activity, not the runtime', async (t) => {
        const { client } = await startHarness(t, (rt) => {
            rt.registerActivity('Weird', async () => ({ at: new Map() }));
            rt.registerOrchestration('UsesWeird', async (ctx) => ctx.scheduleActivity('Weird'));
        });
        const id = uid('weird');
        await client.startOrchestration(id, 'UsesWeird');
        const s = await client.waitForOrchestration(id, 10_000);
        assert.equal(s.status, 'Failed');
        assert.match(s.error, /cannot be stored: activity output.at is a Map/);
    });
});
describe('unregistered names', () => {
    test('an unregistered orchestration is retried with backoff, then fails as poison naming the fix', async (t) => {
        const { client } = await startHarness(t, () => undefined, {
            maxAttempts: 3,
            unregisteredBackoff: { baseMs: 10, maxMs: 20 },
        });
        const id = uid('ghost');
        await client.startOrchestration(id, 'Ghost', 1);
        const s = await client.waitForOrchestration(id, 10_000);
        assert.equal(s.status, 'Failed');
        assert.match(s.error, /poison: orchestration .* exceeded 4 attempts \(max 3\).*'Ghost'.*not registered.*register it/);
        const info = await client.getInstanceInfo(id);
        assert.equal(info.orchestrationName, 'Ghost');
    });
    test('an unregistered activity is retried with backoff, then fails the orchestration as poison', async (t) => {
        const { client } = await startHarness(t, (rt) => rt.registerOrchestration('CallsGhost', async (ctx) => ctx.scheduleActivity('GhostActivity')), { maxAttempts: 2, unregisteredBackoff: { baseMs: 10, maxMs: 20 } });
        const id = uid('ghost-act');
        await client.startOrchestration(id, 'CallsGhost');
        const s = await client.waitForOrchestration(id, 10_000);
        assert.equal(s.status, 'Failed');
        assert.match(s.error, /poison: activity GhostActivity#2 exceeded 3 attempts \(max 2\).*not registered/);
    });
});
//# sourceMappingURL=bad-input.test.js.map