import { renewalIntervalMs } from '../options.js';
const TARGET = 'duroxide::runtime::dispatchers::orchestration';
/** Starts renewing a lock just taken; the caller stops it when its work ends (in `finally`). */
export function keepLockRenewed(options) {
    const { renew, lockTimeoutMs, onFailure } = options;
    let stopped = false;
    const timer = setInterval(() => {
        renew(lockTimeoutMs).catch((error) => {
            if (stopped)
                return;
            if (onFailure(error) === 'stop')
                stop();
        });
    }, renewalIntervalMs(lockTimeoutMs));
    const stop = () => {
        stopped = true;
        clearInterval(timer);
    };
    return { stop };
}
/**
 * Keeps an orchestration batch's instance lock while its turn runs or the instance is held. Any
 * failed renewal stops renewing (logged at debug): the lock is then lost, and the turn's commit
 * fails and hands the batch back.
 */
export function keepInstanceLockRenewed(deps, locked, failure) {
    return keepLockRenewed({
        renew: (ms) => deps.provider.renewOrchestrationItemLock(locked.lockToken, ms),
        lockTimeoutMs: deps.options.orchestratorLockTimeoutMs,
        onFailure: (error) => {
            deps.logger.debug(TARGET, failure, {
                instanceId: locked.item.instanceId,
                error: String(error),
            });
            return 'stop';
        },
    });
}
//# sourceMappingURL=lock-renewal.js.map