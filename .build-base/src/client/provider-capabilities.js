/**
 * Reading a provider's capability declaration (docs/decisions/0006-provider-capabilities.md):
 * checked once when a Client or Runtime is built, then consulted where an operation needs an
 * optional group — which falls back, or refuses with a `CAPABILITY_MISSING` ConfigurationError
 * naming the capability.
 * @module
 */
import { ConfigurationError, ERROR_CODES, InvalidInputError, } from '../core/errors/duroxide-error.js';
import { CAPABILITY_METHOD_NAMES, PROVIDER_CAPABILITIES, } from '../providers/provider.js';
/**
 * Checks that `provider` is one, declares every capability flag, and implements every method
 * of the groups it declares.
 * @throws InvalidInputError when `provider` is not a provider at all.
 * @throws ConfigurationError (`CAPABILITY_MISSING`) for a missing flag or a declared group
 *   with missing methods.
 */
export function checkProvider(provider, who) {
    if (provider === null ||
        typeof provider !== 'object' ||
        typeof provider.fetchOrchestrationItem !== 'function') {
        throw new InvalidInputError(`${who} needs a provider (e.g. await SqliteProvider.open("sqlite:./app.db"))`);
    }
    const declared = provider.capabilities;
    const flags = (typeof declared === 'object' && declared !== null ? declared : {});
    const unset = PROVIDER_CAPABILITIES.filter((c) => typeof flags[c] !== 'boolean');
    if (unset.length > 0) {
        throw new ConfigurationError(ERROR_CODES.CAPABILITY_MISSING, `provider '${String(provider.name)}' does not declare the capabilities ${unset.join(', ')}; ` +
            'set `capabilities` to an object with a boolean for each (false for what it does not support)');
    }
    const methods = provider;
    for (const capability of PROVIDER_CAPABILITIES) {
        if (flags[capability] !== true)
            continue;
        const missing = CAPABILITY_METHOD_NAMES[capability].filter((m) => typeof methods[m] !== 'function');
        if (missing.length > 0) {
            throw new ConfigurationError(ERROR_CODES.CAPABILITY_MISSING, `provider '${provider.name}' declares the capability '${capability}' but does not implement ${missing.join(', ')}; ` +
                `implement them or declare ${capability}: false`);
        }
    }
}
/** True when the provider declares `capability` (its methods, if any, are then present). */
export function hasCapability(provider, capability) {
    return provider.capabilities[capability];
}
/**
 * The provider, known to have `capability`.
 * @throws ConfigurationError (`CAPABILITY_MISSING`) naming the operation when it does not.
 */
export function requireCapability(provider, capability, operation) {
    if (hasCapability(provider, capability))
        return provider;
    throw new ConfigurationError(ERROR_CODES.CAPABILITY_MISSING, `${operation} needs a provider with the capability '${capability}', but provider '${provider.name}' does not declare it; ` +
        `use a provider that supports ${capability} (the built-in SQLite and PostgreSQL providers do)`, { operation });
}
//# sourceMappingURL=provider-capabilities.js.map