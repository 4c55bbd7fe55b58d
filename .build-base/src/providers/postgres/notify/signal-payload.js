/**
 * The NOTIFY payload: which queues a commit fed, so listeners in other processes wake the
 * right dispatchers. Small on purpose (PostgreSQL caps payloads at 8,000 bytes and every
 * listener of the channel reads every notification).
 * @module
 */
import { EXECUTION_STATUSES, } from '../../provider.js';
/**
 * Instance ids longer than this many bytes are left out of the payload (the signal is only a
 * hint). The `ack_orchestration_item` SQL function applies the same bound.
 */
const MAX_NOTIFIED_INSTANCE_ID_BYTES = 1_000;
export function encodeSignals(origin, signals) {
    const payload = { o: origin };
    if (signals.orchestratorVisibleAt !== undefined)
        payload.q = signals.orchestratorVisibleAt;
    if (signals.hasWorkerItems === true)
        payload.w = 1;
    if (signals.instanceId !== undefined &&
        Buffer.byteLength(signals.instanceId) <= MAX_NOTIFIED_INSTANCE_ID_BYTES) {
        payload.i = signals.instanceId;
    }
    if (signals.executionStatus !== undefined)
        payload.s = signals.executionStatus;
    return JSON.stringify(payload);
}
/** The signals of one commit, in the SQLite provider's order (the instance last). */
export function toProviderSignals(signals) {
    const out = [];
    if (signals.orchestratorVisibleAt !== undefined)
        out.push({ kind: 'orchestrator', visibleAt: signals.orchestratorVisibleAt });
    if (signals.hasWorkerItems === true)
        out.push({ kind: 'worker' });
    for (const c of signals.cancelledActivities ?? [])
        out.push({ kind: 'activityCancelled', ...c });
    if (signals.instanceId !== undefined) {
        out.push(signals.executionStatus === undefined
            ? { kind: 'instance', instanceId: signals.instanceId }
            : {
                kind: 'instance',
                instanceId: signals.instanceId,
                executionStatus: signals.executionStatus,
            });
    }
    return out;
}
/** Parses a payload; anything malformed (another program on the channel) yields undefined. */
export function decodeSignals(payload) {
    if (payload === undefined)
        return undefined;
    let wire;
    try {
        wire = JSON.parse(payload);
    }
    catch {
        return undefined;
    }
    if (typeof wire !== 'object' || wire === null)
        return undefined;
    const { o, q, w, i, s, c } = wire;
    if (typeof o !== 'string')
        return undefined;
    return {
        origin: o,
        signals: {
            orchestratorVisibleAt: typeof q === 'number' && Number.isFinite(q) ? q : undefined,
            hasWorkerItems: w === 1,
            instanceId: typeof i === 'string' ? i : undefined,
            executionStatus: typeof s === 'string' && EXECUTION_STATUSES.includes(s)
                ? s
                : undefined,
            cancelledActivities: decodeCancelled(c),
        },
    };
}
/** `[[instanceId, executionId, activityId], …]` rows (also the SQL function's return shape). */
export function decodeCancelled(value) {
    if (!Array.isArray(value))
        return [];
    const out = [];
    for (const entry of value) {
        if (!Array.isArray(entry))
            continue;
        const [instanceId, executionId, activityId] = entry;
        if (typeof instanceId === 'string' &&
            Number.isInteger(executionId) &&
            Number.isInteger(activityId)) {
            out.push({
                instanceId,
                executionId: executionId,
                activityId: activityId,
            });
        }
    }
    return out;
}
//# sourceMappingURL=signal-payload.js.map