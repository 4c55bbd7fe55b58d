/**
 * How many candidate instances one fetch may inspect. Candidates are skipped when they are
 * orphans (which each pass deletes or delays) or, on PostgreSQL, when another fetcher holds
 * them; the bound just caps the work of a single call.
 */
export const MAX_CANDIDATES_PER_FETCH = 20;
/**
 * Messages for an instance that was never started are dropped once the oldest is this old.
 * Until then they are delayed by {@link ORPHAN_RETRY_DELAY_MS}, giving a racing
 * `StartOrchestration` time to arrive.
 */
export const ORPHAN_MAX_AGE_MS = 60_000;
export const ORPHAN_RETRY_DELAY_MS = 1_000;
export function isStartItem(item) {
    return item.type === 'StartOrchestration' || item.type === 'ContinueAsNew';
}
/** The item of an instance's first turn: no history yet; `start` names the orchestration. */
export function firstTurnItem(instanceId, start, messages, kvSnapshot) {
    return {
        instanceId,
        orchestrationName: start?.orchestration,
        orchestrationVersion: start?.version,
        executionId: 1,
        history: [],
        historyCached: false,
        messages,
        instanceCreatedAt: undefined,
        kvSnapshot,
    };
}
/**
 * Whether the caller's cache hint is for this execution of this incarnation of the instance;
 * the caller then compares `hint.lastEventId` with the stored largest event id (read only
 * when this holds).
 */
export function isHintForTurn(hint, executionId, instanceCreatedAt) {
    return (hint !== undefined &&
        hint.executionId === executionId &&
        hint.instanceCreatedAt === instanceCreatedAt);
}
/**
 * The item of an existing instance's turn with its loaded history; a history event that did
 * not parse hands out no history and the `historyError` (the runtime fails the turn, keeping
 * the lock's batch for inspection).
 */
export function loadedTurnItem(turn, history, historyError, kvSnapshot) {
    return historyError === undefined
        ? { ...turn, history, historyCached: false, kvSnapshot }
        : { ...turn, history: [], historyCached: false, historyError, kvSnapshot };
}
//# sourceMappingURL=orchestration-batch.js.map