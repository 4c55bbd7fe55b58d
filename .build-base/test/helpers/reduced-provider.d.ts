/**
 * A provider that hides capability groups of a complete one (docs/decisions/0006-provider-capabilities.md):
 * it declares them false, drops their methods, and records every call that uses a hidden
 * capability anyway (hand-off ack options, session routing), so tests can assert the runtime
 * never does.
 */
import { type CompleteProvider, type Provider, type ProviderCapability } from '../../src/providers/provider.js';
export interface ReducedProvider {
    readonly provider: Provider;
    /** Calls that used a hidden capability, described in words; empty when none did. */
    readonly misuses: string[];
}
export declare function reducedProvider(inner: CompleteProvider, hidden: readonly ProviderCapability[]): ReducedProvider;
