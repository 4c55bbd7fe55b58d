/**
 * Keeps a lock alive while its holder works: renews it every half lock timeout until
 * stopped. One helper for every lock a runtime holds while it works — an
 * orchestration turn, an instance held for its local activities, a running activity — so they
 * renew on the same schedule and stop the same way.
 * @module
 */
import type { LockedOrchestrationItem, Provider } from '../../providers/provider.js';
import type { Logger } from '../logger.js';
import { type ResolvedRuntimeOptions } from '../options.js';
/** What to do after a failed renewal: try again at the next interval, or stop renewing. */
type RenewalFailureAction = 'retry' | 'stop';
export interface LockRenewalOptions {
    /** Extends the lock by {@link lockTimeoutMs} (e.g. `provider.renewWorkItemLock(token, ms)`). */
    readonly renew: (extendForMs: number) => Promise<unknown>;
    readonly lockTimeoutMs: number;
    /**
     * Called with each failed renewal; returns whether to keep renewing. After `'stop'` the lock
     * is left to expire; the holder learns that it lost it from its next commit (or, for an
     * activity, from the abort this callback may signal).
     */
    readonly onFailure: (error: unknown) => RenewalFailureAction;
}
export interface LockRenewal {
    /** Stops renewing (idempotent). The lock itself is released by the holder's commit or abandon. */
    stop(): void;
}
/** Starts renewing a lock just taken; the caller stops it when its work ends (in `finally`). */
export declare function keepLockRenewed(options: LockRenewalOptions): LockRenewal;
/**
 * Keeps an orchestration batch's instance lock while its turn runs or the instance is held. Any
 * failed renewal stops renewing (logged at debug): the lock is then lost, and the turn's commit
 * fails and hands the batch back.
 */
export declare function keepInstanceLockRenewed(deps: {
    readonly provider: Provider;
    readonly options: Pick<ResolvedRuntimeOptions, 'orchestratorLockTimeoutMs'>;
    readonly logger: Logger;
}, locked: LockedOrchestrationItem, failure: string): LockRenewal;
export {};
