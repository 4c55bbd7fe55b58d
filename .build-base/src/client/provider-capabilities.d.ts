import { type Provider, type ProviderCapability, type ProviderWith } from '../providers/provider.js';
/**
 * Checks that `provider` is one, declares every capability flag, and implements every method
 * of the groups it declares.
 * @throws InvalidInputError when `provider` is not a provider at all.
 * @throws ConfigurationError (`CAPABILITY_MISSING`) for a missing flag or a declared group
 *   with missing methods.
 */
export declare function checkProvider(provider: Provider, who: 'Client' | 'Runtime'): void;
/** True when the provider declares `capability` (its methods, if any, are then present). */
export declare function hasCapability<C extends ProviderCapability>(provider: Provider, capability: C): provider is ProviderWith<C>;
/**
 * The provider, known to have `capability`.
 * @throws ConfigurationError (`CAPABILITY_MISSING`) naming the operation when it does not.
 */
export declare function requireCapability<C extends ProviderCapability>(provider: Provider, capability: C, operation: string): ProviderWith<C>;
