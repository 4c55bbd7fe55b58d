/**
 * Keys (instance ids, activity names) this runtime has recently found it cannot serve because
 * it lacks their code. While a key is deferred, this runtime's fetches skip it, so a node that
 * has the code picks the item up at once (rolling deployments, docs/versioning.md). When the deferral
 * ends, this runtime tries again; each try counts as an attempt, so an item that no node can run
 * still ends as poison after `maxAttempts`.
 * @module
 */
export declare class DeferralList {
    #private;
    defer(key: string, forMs: number): void;
    /** Whether `key` is deferred now. */
    has(key: string): boolean;
    /** Keys still deferred now (expired ones are forgotten). */
    active(): string[] | undefined;
}
