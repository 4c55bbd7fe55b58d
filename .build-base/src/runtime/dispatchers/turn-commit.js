import { isDuroxideError } from '../../core/errors/duroxide-error.js';
const TARGET = 'duroxide::runtime::dispatchers::orchestration';
/** Waits between ack attempts after a retryable provider error; then the batch is abandoned. */
const ACK_RETRY_DELAYS_MS = [10, 20, 40, 80, 160];
/** Backoff of a batch whose ack failed for good (it comes back to some runtime). */
const FAILED_ACK_DELAY_MS = 50;
export class TurnCommitter {
    #d;
    constructor(deps) {
        this.#d = deps;
    }
    /**
     * Commits with retries for transient errors. Returns undefined when nothing was written: the
     * batch is then abandoned (with a short backoff) and comes back.
     */
    async ack(locked, ack, options = {}) {
        for (let attempt = 0;; attempt++) {
            try {
                return await this.#d.provider.ackOrchestrationItem(locked.lockToken, ack, options);
            }
            catch (error) {
                this.#d.metrics.providerErrors++;
                const retryable = isDuroxideError(error) && error.retryable;
                const delay = ACK_RETRY_DELAYS_MS[attempt];
                if (retryable && delay !== undefined) {
                    await new Promise((r) => setTimeout(r, delay));
                    continue;
                }
                this.#d.logger.warn(TARGET, 'ack failed; the batch will be retried', {
                    instanceId: locked.item.instanceId,
                    error: String(error),
                });
                await this.abandon(locked, FAILED_ACK_DELAY_MS);
                return undefined;
            }
        }
    }
    /**
     * Hands the batch back, visible again after `delayMs`; `ignoreAttempt` keeps the fetch from
     * counting towards poison (the batch was not at fault). Never throws.
     */
    async abandon(locked, delayMs, ignoreAttempt = false) {
        try {
            await this.#d.provider.abandonOrchestrationItem(locked.lockToken, { delayMs, ignoreAttempt });
        }
        catch (error) {
            // The lock may be gone (expired or the instance deleted); the item comes back on its own.
            this.#d.logger.debug(TARGET, 'abandon failed', {
                instanceId: locked.item.instanceId,
                error: String(error),
            });
        }
    }
    /**
     * Acks a batch without changes: its messages are consumed and dropped, `replies` (to rejected
     * starts) are sent, and `audits` are written once it is committed.
     */
    async discard(locked, executionId, why, replies, audits) {
        this.#d.logger.debug(TARGET, `discarding ${locked.item.messages.length} message(s): ${why}`, {
            instanceId: locked.item.instanceId,
        });
        await this.ack(locked, {
            executionId,
            historyDelta: [],
            workerItems: [],
            orchestratorItems: replies,
            cancelledActivities: [],
            metadata: {},
        });
        if (audits.length > 0)
            await this.audit(audits);
    }
    /** Writes audit entries; a failure is logged, never fails the turn (it is committed). */
    async audit(entries) {
        for (const entry of entries) {
            try {
                if (this.#d.provider.appendAudit === undefined)
                    return; // no fleet storage: nothing to audit into
                await this.#d.provider.appendAudit(entry);
            }
            catch (error) {
                this.#d.logger.warn(TARGET, 'could not write an audit entry', {
                    action: entry.action,
                    target: entry.target,
                    error: String(error),
                });
            }
        }
    }
}
/** The ack of a turn's result (version and format metadata are added by the caller). */
export function turnAck(executionId, r, extraItems) {
    return {
        executionId,
        historyDelta: r.historyDelta,
        workerItems: r.workerItems,
        orchestratorItems: extraItems.length === 0 ? r.orchestratorItems : [...r.orchestratorItems, ...extraItems],
        cancelledActivities: r.cancelledActivities,
        metadata: {
            status: r.status === 'Running' ? undefined : r.status,
            output: r.output,
            orchestrationName: r.started?.name,
            orchestrationVersion: r.started?.version,
            parentInstanceId: r.started?.parent?.instanceId,
            pinnedDuroxideVersion: r.started?.duroxideVersion,
            customStatus: r.customStatus,
        },
    };
}
/** Counts a committed turn in the metrics; a failed execution is logged by its error category. */
export function countTurn(m, logger, r, start) {
    if (r.started !== undefined && start?.type === 'StartOrchestration')
        m.orchStarts++;
    if (r.status === 'Completed')
        m.orchCompletions++;
    if (r.status === 'ContinuedAsNew')
        m.orchContinueAsNew++;
    if (r.status === 'Failed') {
        m.orchFailures++;
        const category = r.error?.category;
        if (category === 'application')
            m.orchApplicationErrors++;
        else if (category === 'configuration')
            m.orchConfigurationErrors++;
        else if (category === 'infrastructure')
            m.orchInfrastructureErrors++;
        const level = category === 'application' ? 'warn' : 'error';
        logger.log(level, TARGET, category === 'application'
            ? 'orchestration failed (application error)'
            : 'orchestration failed', {
            instanceId: r.historyDelta[0]?.instanceId,
            error: r.output,
        });
    }
    for (const e of r.historyDelta)
        if (e.type === 'SubOrchestrationScheduled')
            m.suborchestrationCalls++;
}
//# sourceMappingURL=turn-commit.js.map