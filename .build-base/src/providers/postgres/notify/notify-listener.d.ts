/**
 * The provider's dedicated LISTEN connection: receives the NOTIFYs other processes (and other
 * providers in this process) send on commit, and reconnects after the connection is lost.
 * @module
 */
import type { ClientConfig } from 'pg';
import type { Pg } from '../load-pg.js';
export interface NotifyListenerOptions {
    readonly pg: Pg;
    readonly config: ClientConfig;
    readonly channel: string;
    /** Called with each payload received on the channel. */
    readonly onPayload: (payload: string | undefined) => void;
    /**
     * Called after a lost connection was re-established: notifications sent meanwhile were
     * missed, so the provider wakes its listeners once to make them look.
     */
    readonly onReconnected: () => void;
}
/**
 * One LISTEN session. Notifications are delivered only while it is connected; a lost
 * connection (server restart, network) is retried with a backoff forever until `close()`.
 */
export declare class NotifyListener {
    #private;
    private constructor();
    /** Connects and LISTENs; the first connection must succeed (it proves the url works). */
    static start(opts: NotifyListenerOptions): Promise<NotifyListener>;
    /** True while the LISTEN session is up (for tests and diagnostics). */
    get isConnected(): boolean;
    close(): Promise<void>;
}
