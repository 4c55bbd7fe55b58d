/**
 * The PostgreSQL provider's `subscribe`: its own commits are signalled in-process; other
 * providers' commits arrive through LISTEN/NOTIFY on a connection that is open only while at
 * least one listener is subscribed. A provider nobody listens to (a Client between calls, a
 * runtime after `shutdown()`) therefore holds no connection, and the process can exit without
 * `provider.close()`.
 * @module
 */
import type { ClientConfig } from 'pg';
import type { ProviderSignal, ProviderSignalListener } from '../../provider.js';
import { SignalFanOut } from '../../shared/signal-fan-out.js';
import type { Pg } from '../load-pg.js';
import { NotifyListener } from './notify-listener.js';
import { type CommitSignals, decodeSignals, toProviderSignals } from './signal-payload.js';

/**
 * How long the LISTEN connection stays open after the last listener left: a client waiting for
 * one instance after another (each wait subscribes and unsubscribes) reuses it instead of
 * opening a connection per wait. An idle process exits at most this much later.
 */
const LINGER_MS = 250;

export interface SignalHubOptions {
  readonly pg: Pg;
  readonly config: ClientConfig;
  readonly channel: string;
  /** This provider's random id: its own notifications are ignored (already signalled in-process). */
  readonly origin: string;
  readonly now: () => number;
}

export class SignalHub {
  readonly #opts: SignalHubOptions;
  readonly #signals = new SignalFanOut();
  #subscribers = 0;
  #notifications: NotifyListener | undefined;
  #linger: NodeJS.Timeout | undefined;
  #isClosed = false;

  constructor(opts: SignalHubOptions) {
    this.#opts = opts;
  }

  /** The provider's clock. */
  get now(): () => number {
    return this.#opts.now;
  }

  /**
   * Adds a listener; the first one opens the LISTEN connection, which closes {@link LINGER_MS}
   * after the last one left.
   */
  subscribe(listener: ProviderSignalListener): () => void {
    const unsubscribe = this.#signals.subscribe(listener);
    this.#subscribers++;
    clearTimeout(this.#linger);
    this.#linger = undefined;
    this.#listen();
    let isDone = false;
    return () => {
      if (isDone) return;
      isDone = true;
      unsubscribe();
      this.#subscribers--;
      if (this.#subscribers > 0 || this.#isClosed) return;
      this.#linger = setTimeout(() => {
        this.#linger = undefined;
        if (this.#subscribers === 0) this.#stopListening();
      }, LINGER_MS);
      // The open connection keeps the process alive until the timer closes it; the timer
      // itself must not.
      this.#linger.unref();
    };
  }

  /** True while the LISTEN connection is up. */
  get isListening(): boolean {
    return this.#notifications?.isConnected ?? false;
  }

  emitAll(signals: CommitSignals): void {
    for (const signal of toProviderSignals(signals)) this.emit(signal);
  }

  emit(signal: ProviderSignal): void {
    this.#signals.emit(signal);
  }

  async close(): Promise<void> {
    this.#isClosed = true;
    clearTimeout(this.#linger);
    this.#linger = undefined;
    this.#signals.clear();
    const notifications = this.#notifications;
    this.#notifications = undefined;
    await notifications?.close();
  }

  #listen(): void {
    if (this.#isClosed || this.#notifications !== undefined) return;
    this.#notifications = NotifyListener.open({
      pg: this.#opts.pg,
      config: this.#opts.config,
      channel: this.#opts.channel,
      onPayload: (payload) => {
        const decoded = decodeSignals(payload);
        if (decoded === undefined || decoded.origin === this.#opts.origin) return;
        this.emitAll(decoded.signals);
      },
      // Notifications sent while the connection was down are lost: make everyone look once.
      onReconnected: () =>
        this.emitAll({ orchestratorVisibleAt: this.#opts.now(), hasWorkerItems: true }),
    });
  }

  #stopListening(): void {
    const notifications = this.#notifications;
    this.#notifications = undefined;
    void notifications?.close();
  }
}
