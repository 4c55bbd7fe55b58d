/** Delays between reconnection attempts; the last one repeats until the provider closes. */
const RECONNECT_DELAYS_MS = [50, 100, 250, 500, 1_000, 2_000];
/**
 * One LISTEN session. Notifications are delivered only while it is connected; a lost
 * connection (server restart, network) is retried with a backoff forever until `close()`.
 */
export class NotifyListener {
    #opts;
    #client;
    #isClosed = false;
    #attempt = 0;
    #timer;
    constructor(opts) {
        this.#opts = opts;
    }
    /** Connects and LISTENs; the first connection must succeed (it proves the url works). */
    static async start(opts) {
        const listener = new NotifyListener(opts);
        listener.#client = await listener.#connect();
        return listener;
    }
    /** True while the LISTEN session is up (for tests and diagnostics). */
    get isConnected() {
        return this.#client !== undefined;
    }
    async close() {
        this.#isClosed = true;
        if (this.#timer !== undefined)
            clearTimeout(this.#timer);
        this.#timer = undefined;
        const client = this.#client;
        this.#client = undefined;
        await client?.end().catch(() => undefined);
    }
    async #connect() {
        const client = new this.#opts.pg.Client(this.#opts.config);
        // Always listen for 'error': an unhandled one would crash the process.
        client.on('error', () => this.#lost(client));
        client.on('end', () => this.#lost(client));
        client.on('notification', (message) => {
            if (message.channel === this.#opts.channel)
                this.#opts.onPayload(message.payload);
        });
        try {
            await client.connect();
            await client.query(`LISTEN "${this.#opts.channel}"`);
            return client;
        }
        catch (error) {
            await client.end().catch(() => undefined);
            throw error;
        }
    }
    #lost(client) {
        if (this.#isClosed || this.#client !== client)
            return;
        this.#client = undefined;
        void client.end().catch(() => undefined);
        this.#scheduleReconnect();
    }
    #scheduleReconnect() {
        if (this.#isClosed || this.#timer !== undefined)
            return;
        const delay = RECONNECT_DELAYS_MS[Math.min(this.#attempt, RECONNECT_DELAYS_MS.length - 1)] ?? 2_000;
        this.#attempt++;
        this.#timer = setTimeout(() => {
            this.#timer = undefined;
            void this.#reconnect();
        }, delay);
        // A provider that is not closed must not keep the process alive by itself.
        this.#timer.unref();
    }
    async #reconnect() {
        let client;
        try {
            client = await this.#connect();
        }
        catch {
            this.#scheduleReconnect();
            return;
        }
        if (this.#isClosed) {
            await client.end().catch(() => undefined);
            return;
        }
        this.#client = client;
        this.#attempt = 0;
        this.#opts.onReconnected();
    }
}
//# sourceMappingURL=notify-listener.js.map