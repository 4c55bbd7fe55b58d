/**
 * The listeners of a provider's `subscribe`, and the delivery of its commit signals to them.
 * @module
 */
import type { ProviderSignal, ProviderSignalListener } from '../provider.js';
/** Delivers each {@link ProviderSignal} to every current listener, in subscription order. */
export declare class SignalFanOut {
    #private;
    /** Adds `listener`; the returned function removes it (idempotent). */
    subscribe(listener: ProviderSignalListener): () => void;
    /**
     * Signals are hints sent after the commit; a throwing listener must not turn a committed
     * operation into a reported failure, so listener errors are swallowed. Listeners added or
     * removed by a listener take effect from the next signal.
     */
    emit(signal: ProviderSignal): void;
    /** Drops every listener (on close). */
    clear(): void;
}
