/**
 * Conformance: the capability declaration (docs/decisions/0006-provider-capabilities.md) — every
 * flag is present and a boolean, and every method of each declared group is implemented.
 * @module
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { CAPABILITY_METHOD_NAMES, PROVIDER_CAPABILITIES } from '../../provider.js';
export function registerCapabilityDeclarationCases(h) {
    describe('capabilities', () => {
        h.test('the provider declares every capability flag as a boolean', async (t) => {
            const p = await h.provider(t);
            for (const capability of PROVIDER_CAPABILITIES) {
                assert.equal(typeof p.capabilities[capability], 'boolean', `capabilities.${capability}`);
            }
        });
        h.test('the provider implements every method of each capability it declares', async (t) => {
            const p = await h.provider(t);
            const methods = p;
            for (const capability of PROVIDER_CAPABILITIES) {
                if (!p.capabilities[capability])
                    continue;
                for (const method of CAPABILITY_METHOD_NAMES[capability]) {
                    assert.equal(typeof methods[method], 'function', `capability '${capability}' declared but ${method} is missing`);
                }
            }
        });
    });
}
//# sourceMappingURL=capability-declaration-cases.js.map