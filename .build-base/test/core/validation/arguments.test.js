/**
 * The shared argument rules (src/core/validation/arguments.ts), and that the three edges that
 * take user values — the orchestration context, the Client and the registries — apply the same
 * rule to the same concept.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { encodePayload, requireActivityName, requireDurationMs, requireInstanceId, requireNewInstanceId, requireOrchestrationName, requireTag, requireVersion, } from '../../../src/core/validation/arguments.js';
import { Client, ConfigurationError, InvalidInputError, SqliteProvider, } from '../../../src/index.js';
import { ActivityRegistry, OrchestrationRegistry } from '../../../src/runtime/registry.js';
import { turn } from '../../helpers/engine-harness.js';
const refusedBy = (fn, pattern) => assert.throws(fn, (e) => e instanceof InvalidInputError && pattern.test(e.message));
describe('argument rules', () => {
    test('an id is a non-empty, non-blank string of at most 1024 characters without control characters', () => {
        assert.equal(requireInstanceId('order-1'), 'order-1');
        assert.equal(requireInstanceId('a::sub::1'), 'a::sub::1');
        refusedBy(() => requireInstanceId(''), /instance id must be a non-empty string, got ""/);
        refusedBy(() => requireInstanceId(7), /instance id must be a non-empty string, got 7/);
        refusedBy(() => requireInstanceId('   '), /instance id must not be only whitespace/);
        refusedBy(() => requireInstanceId('x'.repeat(1025)), /is 1025 characters long; the limit is 1024/);
        refusedBy(() => requireInstanceId('a\nb'), /contains control characters/);
    });
    test('a new instance id may not use the sub-orchestration marker', () => {
        refusedBy(() => requireNewInstanceId('sub::x'), /reserved for sub-orchestrations/);
        refusedBy(() => requireNewInstanceId('a::sub::1'), /reserved for sub-orchestrations/);
        assert.equal(requireNewInstanceId('subscription-1'), 'subscription-1');
    });
    test('orchestration and activity names may not use the reserved system-call prefix', () => {
        refusedBy(() => requireOrchestrationName('__duroxide_syscall:x'), /reserved prefix/);
        refusedBy(() => requireActivityName('__duroxide_syscall:x'), /reserved prefix/);
        assert.equal(requireActivityName('Charge'), 'Charge');
    });
    test('a version is a semver string', () => {
        assert.equal(requireVersion('1.2.0-beta.1'), '1.2.0-beta.1');
        refusedBy(() => requireVersion('1.2'), /version must be a semver string like '1.2.0', got "1.2"/);
        refusedBy(() => requireVersion(1), /got 1/);
    });
    test('a duration is a finite non-negative number of milliseconds, positive where zero is meaningless', () => {
        assert.equal(requireDurationMs(0, 'timeoutMs'), 0);
        refusedBy(() => requireDurationMs(-1, 'timeoutMs'), /timeoutMs must be a non-negative number of milliseconds/);
        refusedBy(() => requireDurationMs(Number.POSITIVE_INFINITY, 'timeoutMs'), /non-negative/);
        refusedBy(() => requireDurationMs(0, 'retry.timeoutMs', false), /must be a positive number/);
    });
    test('a tag is a non-empty string without control characters within the byte limit', () => {
        assert.equal(requireTag('gpu'), 'gpu');
        refusedBy(() => requireTag(''), /tag must be a non-empty string/);
        refusedBy(() => requireTag('g\tpu'), /contains control characters/);
        refusedBy(() => requireTag('é'.repeat(129)), /tag is 258 bytes; the limit is 256/);
    });
    test('a payload over the byte limit is refused with its size', () => {
        assert.equal(encodePayload({ a: 1 }, 'input', { maxBytes: 100 }), '{"a":1}');
        refusedBy(() => encodePayload('x'.repeat(200), 'input', { maxBytes: 100 }), /input is 202 bytes as JSON; the limit is 100/);
        refusedBy(() => encodePayload(10n, 'input'), /BigInt/);
    });
});
describe('the same rules at every edge', () => {
    const blank = '  ';
    const controlled = 'a\u0001b';
    test('the Client refuses blank and control-character names that the context refuses', async (t) => {
        const provider = await SqliteProvider.inMemory();
        t.after(() => provider.close());
        const client = new Client(provider);
        await assert.rejects(client.startOrchestration('edge-1', blank), /orchestration name must not be only whitespace/);
        await assert.rejects(client.startOrchestration('edge-1', '__duroxide_syscall:x'), /reserved prefix/);
        await assert.rejects(client.raiseEvent('edge-1', controlled), /event name .* contains control characters/);
        await assert.rejects(client.getStatus(blank), /instance id must not be only whitespace/);
    });
    test('the orchestration context refuses the ids and names the Client refuses', async () => {
        const flow = (ctx) => {
            const messages = [];
            const attempts = [
                () => ctx.scheduleActivity(blank),
                () => ctx.waitForEvent(controlled),
                () => ctx.scheduleSubOrchestration('__duroxide_syscall:x'),
                () => ctx.scheduleSubOrchestrationWithId('Child', 'a::sub::1'),
                () => ctx.startOrchestration('Child', 'x'.repeat(1025)),
                () => ctx.setValue(blank, 1),
                () => ctx.scheduleActivity('A').withTag('g\tpu'),
            ];
            for (const attempt of attempts) {
                try {
                    attempt();
                    messages.push('accepted');
                }
                catch (e) {
                    messages.push(e instanceof InvalidInputError ? e.message : `not InvalidInputError: ${String(e)}`);
                }
            }
            return messages;
        };
        const r = await turn(flow, []);
        const out = JSON.parse(r.output);
        assert.equal(out.length, 7);
        assert.match(out[0], /activity name must not be only whitespace/);
        assert.match(out[1], /event name .* contains control characters/);
        assert.match(out[2], /orchestration name .* reserved prefix/);
        assert.match(out[3], /reserved for sub-orchestrations/);
        assert.match(out[4], /1025 characters long/);
        assert.match(out[5], /key must not be only whitespace/);
        assert.match(out[6], /tag .* contains control characters/);
    });
    test('the registries refuse, as registration errors, the names the context and Client refuse', () => {
        const orchestrations = new OrchestrationRegistry();
        const activities = new ActivityRegistry();
        const registrationError = (pattern) => (e) => e instanceof ConfigurationError &&
            e.code === 'INVALID_REGISTRATION' &&
            pattern.test(e.message);
        assert.throws(() => orchestrations.register(controlled, '1.0.0', async () => 1), registrationError(/contains control characters/));
        assert.throws(() => orchestrations.register('x'.repeat(1025), '1.0.0', async () => 1), registrationError(/1025 characters long/));
        assert.throws(() => orchestrations.register('Flow', '1.0', async () => 1), registrationError(/version must be a semver string/));
        assert.throws(() => activities.register(blank, async () => 1), registrationError(/activity name must not be only whitespace/));
    });
});
//# sourceMappingURL=arguments.test.js.map