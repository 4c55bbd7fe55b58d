const FIRST_IDLE_MS = 2;
/** Idle poll interval (at least) when every commit is signalled. */
const SAFETY_NET_POLL_MS = 1000;
export class DispatcherLoop {
    #opts;
    #running = [];
    #stopping = false;
    constructor(opts) {
        this.#opts = opts;
    }
    start() {
        this.#stopping = false;
        for (let slot = 0; slot < this.#opts.slots; slot++)
            this.#running.push(this.#run(slot));
    }
    /** Asks the slots to stop after their current item; resolves when all have stopped. */
    async stop() {
        this.#stopping = true;
        this.#opts.waker.close();
        await Promise.all(this.#running);
        this.#running = [];
    }
    get isStopping() {
        return this.#stopping;
    }
    async #run(slot) {
        const { waker, maxIdleMs, logger, name } = this.#opts;
        const signalled = this.#opts.signalsAcrossProcesses === true;
        const idleCapMs = signalled ? Math.max(maxIdleMs, SAFETY_NET_POLL_MS) : maxIdleMs;
        const firstIdleMs = signalled ? idleCapMs : FIRST_IDLE_MS;
        let idleMs = firstIdleMs;
        let errors = 0;
        /** Whether the last idle wait ended by timeout (a poll) rather than a signal. */
        let polled = true;
        while (!this.#stopping) {
            let item;
            try {
                item = await this.#opts.fetch(slot);
                errors = 0;
            }
            catch (error) {
                errors++;
                this.#opts.onFetchError?.(error);
                const backoff = Math.min(100 * 2 ** Math.min(errors - 1, 5), 3000);
                logger.warn('duroxide::runtime', `${name} fetch failed; retrying in ${backoff} ms`, {
                    error: String(error),
                });
                await waker.wait(backoff);
                continue;
            }
            if (this.#stopping) {
                // Fetched just as we stopped: the lock expires and another node (or restart) takes it.
                if (item !== null)
                    await this.#opts.process(item, slot).catch(() => undefined);
                break;
            }
            if (item === null) {
                let sleep = Math.min(idleMs, idleCapMs);
                idleMs = Math.min(idleMs * 2, idleCapMs);
                if (this.#opts.nextVisibleAt !== undefined && (!signalled || polled)) {
                    try {
                        const next = await this.#opts.nextVisibleAt();
                        if (next !== null)
                            sleep = Math.min(sleep, Math.max(0, next - Date.now()));
                    }
                    catch {
                        // best effort; the poll interval still bounds the sleep
                    }
                }
                polled = !(await waker.wait(sleep));
                continue;
            }
            idleMs = firstIdleMs;
            // There may be more: let one idle sibling look too (it passes the wake on if it finds work).
            if (this.#opts.slots > 1)
                waker.wake();
            try {
                await this.#opts.process(item, slot);
            }
            catch (error) {
                logger.error('duroxide::runtime', `${name} failed to process an item`, {
                    error: String(error),
                });
            }
        }
    }
}
//# sourceMappingURL=dispatcher-loop.js.map