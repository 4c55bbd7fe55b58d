/**
 * A provider that hides capability groups of a complete one (docs/decisions/0006-provider-capabilities.md):
 * it declares them false, drops their methods, and records every call that uses a hidden
 * capability anyway (hand-off ack options, session routing), so tests can assert the runtime
 * never does.
 */
import { CAPABILITY_METHOD_NAMES, } from '../../src/providers/provider.js';
export function reducedProvider(inner, hidden) {
    const misuses = [];
    const hiddenMethods = new Set(hidden.flatMap((c) => CAPABILITY_METHOD_NAMES[c]));
    const capabilities = { ...inner.capabilities };
    for (const c of hidden)
        capabilities[c] = false;
    const overrides = {
        name: `${inner.name} without ${hidden.join(', ')}`,
        capabilities,
        ackOrchestrationItem: (lockToken, ack, options) => {
            if (!capabilities.localActivityHandoff) {
                if (options?.claimWorkItems !== undefined)
                    misuses.push('ack with claimWorkItems');
                if (options?.keepLock !== undefined)
                    misuses.push('ack with keepLock');
                if (ack.completedWorkItems !== undefined)
                    misuses.push('ack with completedWorkItems');
            }
            return inner.ackOrchestrationItem(lockToken, ack, options);
        },
        fetchWorkItem: (options) => {
            if (capabilities.sessions)
                return inner.fetchWorkItem(options);
            if (options.session !== undefined)
                misuses.push('fetchWorkItem with session routing');
            // A provider without sessions does not route by them: every item is fetchable by anyone
            // (emulated with one fixed owner, which can claim every session).
            return inner.fetchWorkItem({
                ...options,
                session: { ownerId: 'no-session-routing', lockTimeoutMs: options.lockTimeoutMs },
            });
        },
    };
    const provider = new Proxy(inner, {
        get(target, key, receiver) {
            if (typeof key === 'string') {
                if (Object.prototype.hasOwnProperty.call(overrides, key))
                    return overrides[key];
                if (hiddenMethods.has(key))
                    return undefined;
            }
            const value = Reflect.get(target, key, receiver);
            return typeof value === 'function'
                ? value.bind(target)
                : value;
        },
        has(target, key) {
            return typeof key === 'string' && hiddenMethods.has(key) ? false : Reflect.has(target, key);
        },
    });
    return { provider, misuses };
}
//# sourceMappingURL=reduced-provider.js.map