/** Client options. */
export interface ClientOptions {
    /**
     * How long the stored version policies and the node list are reused before they are read
     * again when this client decides the version of a start. Default 1,000.
     */
    readonly fleetRefreshMs?: number;
    /**
     * Largest input, event data or queue message (as JSON, in bytes) this client stores; larger
     * ones are refused with `INVALID_INPUT` before anything is written. Use the same value as the
     * runtimes' `limits.maxPayloadBytes`. Default 4 MiB.
     */
    readonly maxPayloadBytes?: number;
}
/** Checks the options bag of `new Client(provider, options)` and applies the defaults. */
export declare function parseClientOptions(options: ClientOptions): {
    readonly refreshMs: number;
    readonly maxPayloadBytes: number;
};
