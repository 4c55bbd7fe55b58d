/**
 * The provider's dedicated LISTEN connection: receives the NOTIFYs other processes (and other
 * providers in this process) send on commit, and reconnects after the connection is lost. It
 * is opened only while someone listens (see `SignalHub`), so an idle provider holds no
 * connection that keeps the process alive.
 * @module
 */
import type { Client, ClientConfig, Notification } from 'pg';
import type { Pg } from '../load-pg.js';

/** Delays between reconnection attempts; the last one repeats until the provider closes. */
const RECONNECT_DELAYS_MS: readonly number[] = [50, 100, 250, 500, 1_000, 2_000];

export interface NotifyListenerOptions {
  readonly pg: Pg;
  readonly config: ClientConfig;
  readonly channel: string;
  /** Called with each payload received on the channel. */
  readonly onPayload: (payload: string | undefined) => void;
  /**
   * Called after a lost connection was re-established: notifications sent meanwhile were
   * missed, so the provider wakes its listeners once to make them look. (Not after the first
   * connection: what was committed before anyone listened is found by the subscriber's own
   * first look.)
   */
  readonly onReconnected: () => void;
}

/**
 * One LISTEN session. Notifications are delivered only while it is connected; a failed or lost
 * connection (server restart, network) is retried with a backoff forever until `close()`.
 */
export class NotifyListener {
  readonly #opts: NotifyListenerOptions;
  #client: Client | undefined;
  #isClosed = false;
  #attempt = 0;
  #timer: NodeJS.Timeout | undefined;
  #hasConnected = false;

  private constructor(opts: NotifyListenerOptions) {
    this.#opts = opts;
  }

  /** Starts connecting in the background and LISTENs once connected. */
  static open(opts: NotifyListenerOptions): NotifyListener {
    const listener = new NotifyListener(opts);
    void listener.#reconnect();
    return listener;
  }

  /** True while the LISTEN session is up (for tests and diagnostics). */
  get isConnected(): boolean {
    return this.#client !== undefined;
  }

  async close(): Promise<void> {
    this.#isClosed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }

  async #connect(): Promise<Client> {
    const client = new this.#opts.pg.Client(this.#opts.config);
    // Always listen for 'error': an unhandled one would crash the process.
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    client.on('notification', (message: Notification) => {
      if (message.channel === this.#opts.channel) this.#opts.onPayload(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${this.#opts.channel}"`);
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  #lost(client: Client): void {
    if (this.#isClosed || this.#client !== client) return;
    this.#client = undefined;
    void client.end().catch(() => undefined);
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#isClosed || this.#timer !== undefined) return;
    const delay =
      RECONNECT_DELAYS_MS[Math.min(this.#attempt, RECONNECT_DELAYS_MS.length - 1)] ?? 2_000;
    this.#attempt++;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#reconnect();
    }, delay);
    // A provider that is not closed must not keep the process alive by itself.
    this.#timer.unref();
  }

  async #reconnect(): Promise<void> {
    let client: Client;
    try {
      client = await this.#connect();
    } catch {
      this.#scheduleReconnect();
      return;
    }
    if (this.#isClosed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.#client = client;
    this.#attempt = 0;
    if (this.#hasConnected) this.#opts.onReconnected();
    this.#hasConnected = true;
  }
}
