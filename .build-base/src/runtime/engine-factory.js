/**
 * The one place replay engines are built, by the orchestration dispatcher and by the replay
 * check alike, so a check replays exactly as a turn would: same KV snapshot, limits, clock,
 * GUID source, drain and trace sink, and the same input-schema gate for new executions.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { setImmediate as macrotask } from 'node:timers/promises';
import { ReplayEngine } from '../core/replay/replay-engine.js';
import { DUROXIDE_VERSION } from '../core/version.js';
import { gateInput } from './input-gate.js';
/** Lets every pending microtask run: the engine's pause between two deliveries. */
export const drainMicrotasks = () => macrotask();
export async function createReplayEngine(env, request) {
    const { instanceId, executionId, start } = request;
    // Only a new execution is gated: a replay of a started one must not depend on the schema.
    const handler = start === undefined
        ? request.handler
        : await gateInput(env.registry, request.handler, instanceId, executionId, start);
    const { logger } = env;
    return new ReplayEngine({
        instanceId,
        executionId,
        history: request.history,
        start,
        handler,
        clock: Date.now,
        newGuid: randomUUID,
        drain: drainMicrotasks,
        duroxideVersion: DUROXIDE_VERSION,
        limits: env.options.limits,
        kvSnapshot: request.kvSnapshot,
        trace: request.quiet === true
            ? undefined
            : (level, message, fields) => logger.log(level, 'duroxide::orchestration', message, fields),
    });
}
//# sourceMappingURL=engine-factory.js.map