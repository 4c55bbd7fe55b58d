/** Delivers each {@link ProviderSignal} to every current listener, in subscription order. */
export class SignalFanOut {
    #listeners = new Set();
    /** Adds `listener`; the returned function removes it (idempotent). */
    subscribe(listener) {
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
    emit(signal) {
        for (const listener of [...this.#listeners]) {
            try {
                listener(signal);
            }
            catch {
                // Deliberately ignored: see above.
            }
        }
    }
    /** Drops every listener (on close). */
    clear() {
        this.#listeners.clear();
    }
}
//# sourceMappingURL=signal-fan-out.js.map