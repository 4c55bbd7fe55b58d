import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SignalFanOut } from '../../../src/providers/shared/signal-fan-out.js';
describe('SignalFanOut', () => {
    test('delivers each signal to every subscribed listener until it unsubscribes', () => {
        const fanOut = new SignalFanOut();
        const first = [];
        const second = [];
        const unsubscribe = fanOut.subscribe((s) => first.push(s));
        fanOut.subscribe((s) => second.push(s));
        fanOut.emit({ kind: 'worker' });
        unsubscribe();
        fanOut.emit({ kind: 'orchestrator', visibleAt: 5 });
        assert.deepEqual(first, [{ kind: 'worker' }]);
        assert.deepEqual(second, [{ kind: 'worker' }, { kind: 'orchestrator', visibleAt: 5 }]);
    });
    test('a throwing listener neither fails the emit nor keeps later listeners from hearing it', () => {
        const fanOut = new SignalFanOut();
        const heard = [];
        fanOut.subscribe(() => {
            throw new Error('listener bug');
        });
        fanOut.subscribe((s) => heard.push(s));
        fanOut.emit({ kind: 'instance', instanceId: 'fan-out-1' });
        assert.deepEqual(heard, [{ kind: 'instance', instanceId: 'fan-out-1' }]);
    });
    test('clear drops every listener', () => {
        const fanOut = new SignalFanOut();
        let count = 0;
        fanOut.subscribe(() => count++);
        fanOut.clear();
        fanOut.emit({ kind: 'worker' });
        assert.equal(count, 0);
    });
});
//# sourceMappingURL=signal-fan-out.test.js.map