import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describePolicyProblem, effectivePolicy, fleetLatest, rampBucket, resolveExecutionVersion, } from '../../src/core/versioning/version-policy.js';
describe('fleet latest', () => {
    test('is the highest version every node registers, not the highest any node registers', () => {
        const old = { versions: ['1.0.0'] };
        const upgraded = { versions: ['1.0.0', '2.0.0'] };
        assert.equal(fleetLatest([old, upgraded]), '1.0.0');
        assert.equal(fleetLatest([upgraded, upgraded]), '2.0.0');
    });
    test('ignores pre-releases while a release is registered', () => {
        assert.equal(fleetLatest([{ versions: ['1.0.0', '2.0.0-beta.1'] }]), '1.0.0');
        assert.equal(fleetLatest([{ versions: ['2.0.0-beta.1', '2.0.0-beta.2'] }]), '2.0.0-beta.2');
    });
    test('falls back to the highest version any node registers when the nodes share none', () => {
        assert.equal(fleetLatest([{ versions: ['1.0.0'] }, { versions: ['2.0.0'] }]), '2.0.0');
    });
    test('is undefined when no node registers the name', () => {
        assert.equal(fleetLatest([]), undefined);
    });
});
describe('ramp buckets', () => {
    test('put an instance id in the same bucket every time', () => {
        assert.equal(rampBucket('order-42'), rampBucket('order-42'));
    });
    test('spread instance ids roughly evenly over 100 buckets', () => {
        let below10 = 0;
        for (let i = 0; i < 10_000; i++)
            if (rampBucket(`instance-${i}`) < 10)
                below10++;
        assert.ok(below10 > 800 && below10 < 1200, `10% bucket got ${below10} of 10,000`);
    });
});
describe('resolveExecutionVersion', () => {
    const fleet = [{ versions: ['1.0.0', '2.0.0'] }];
    test('a pinned policy wins over what nodes register', () => {
        const r = resolveExecutionVersion({
            storedPolicy: { kind: 'pinned', version: '1.0.0' },
            nodes: fleet,
            instanceId: 'a',
        });
        assert.deepEqual(r, { version: '1.0.0', rule: 'pinned' });
    });
    test('a ramp sends exactly the instances in its buckets to the new version', () => {
        const policy = { kind: 'ramp', from: '1.0.0', to: '2.0.0', percent: 30 };
        for (let i = 0; i < 200; i++) {
            const id = `ramp-${i}`;
            const expected = rampBucket(id) < 30 ? '2.0.0' : '1.0.0';
            assert.equal(resolveExecutionVersion({ storedPolicy: policy, nodes: fleet, instanceId: id }).version, expected);
        }
    });
    test('continue-as-new never moves below the current version', () => {
        const r = resolveExecutionVersion({
            storedPolicy: undefined,
            nodes: [{ versions: ['1.0.0'] }, ...fleet],
            instanceId: 'a',
            currentVersion: '2.0.0',
        });
        assert.deepEqual(r, { version: '2.0.0', rule: 'kept-current' });
        const pinned = resolveExecutionVersion({
            storedPolicy: { kind: 'pinned', version: '1.0.0' },
            nodes: fleet,
            instanceId: 'a',
            currentVersion: '2.0.0',
        });
        assert.equal(pinned.version, '2.0.0');
    });
    test('a pinned policy with allowDowngrade moves instances down', () => {
        const r = resolveExecutionVersion({
            storedPolicy: { kind: 'pinned', version: '1.0.0', allowDowngrade: true },
            nodes: fleet,
            instanceId: 'a',
            currentVersion: '2.0.0',
        });
        assert.deepEqual(r, { version: '1.0.0', rule: 'pinned' });
    });
    test('continue-as-new upgrades when the fleet has the newer version everywhere', () => {
        const r = resolveExecutionVersion({
            storedPolicy: undefined,
            nodes: fleet,
            instanceId: 'a',
            currentVersion: '1.0.0',
        });
        assert.deepEqual(r, { version: '2.0.0', rule: 'latest' });
    });
    test('uses the nodes in-code default only when every node agrees on it', () => {
        const pinnedOne = {
            versions: ['1.0.0', '2.0.0'],
            defaultPolicy: { kind: 'pinned', version: '1.0.0' },
        };
        assert.deepEqual(effectivePolicy(undefined, [pinnedOne, pinnedOne]), {
            kind: 'pinned',
            version: '1.0.0',
        });
        assert.deepEqual(effectivePolicy(undefined, [pinnedOne, { versions: ['1.0.0', '2.0.0'] }]), {
            kind: 'latest',
        });
        assert.deepEqual(effectivePolicy({ kind: 'latest' }, [pinnedOne]), { kind: 'latest' });
    });
});
describe('describePolicyProblem', () => {
    test('accepts the three policy kinds', () => {
        assert.equal(describePolicyProblem({ kind: 'latest' }), undefined);
        assert.equal(describePolicyProblem({ kind: 'pinned', version: '1.2.3' }), undefined);
        assert.equal(describePolicyProblem({ kind: 'ramp', from: '1.0.0', to: '2.0.0', percent: 10 }), undefined);
    });
    test('names the problem of a malformed policy', () => {
        assert.match(describePolicyProblem('newest') ?? '', /must be an object/);
        assert.match(describePolicyProblem({ kind: 'newest' }) ?? '', /'kind' must be 'latest', 'pinned' or 'ramp'/);
        assert.match(describePolicyProblem({ kind: 'pinned', version: 'v2' }) ?? '', /'version' must be a semver/);
        assert.match(describePolicyProblem({ kind: 'ramp', from: '1.0.0', to: '2.0.0', percent: 101 }) ?? '', /'percent' must be an integer from 0 to 100/);
        assert.match(describePolicyProblem({ kind: 'ramp', from: '1.0.0', to: '1.0.0', percent: 5 }) ?? '', /two different versions/);
        assert.match(describePolicyProblem({ kind: 'pinned', version: '1.0.0', allowDowngrade: 'yes' }) ?? '', /allowDowngrade/);
    });
});
//# sourceMappingURL=version-policy.test.js.map