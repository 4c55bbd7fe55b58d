/**
 * The listeners of a provider's `subscribe`, and the delivery of its commit signals to them.
 * @module
 */
import type { ProviderSignal, ProviderSignalListener } from '../provider.js';

/** Delivers each {@link ProviderSignal} to every current listener, in subscription order. */
export class SignalFanOut {
  readonly #listeners = new Set<ProviderSignalListener>();

  /** Adds `listener`; the returned function removes it (idempotent). */
  subscribe(listener: ProviderSignalListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /**
   * Signals are hints sent after the commit; a throwing listener must not turn a committed
   * operation into a reported failure, so listener errors are swallowed. Listeners added or
   * removed by a listener take effect from the next signal.
   */
  emit(signal: ProviderSignal): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(signal);
      } catch {
        // Deliberately ignored: see above.
      }
    }
  }

  /** Drops every listener (on close). */
  clear(): void {
    this.#listeners.clear();
  }
}
