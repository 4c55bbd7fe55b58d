/**
 * `OrchestrationHandler`: the shape of user orchestration code the replay engine runs.
 * @module
 */
import type { OrchestrationContext } from '../context/orchestration-context.js';
/** Signature of an orchestration: async function, generator function, or plain function. */
export type OrchestrationHandler<I = unknown, O = unknown> = (ctx: OrchestrationContext, input: I) => Promise<O> | Generator<unknown, O, unknown> | O;
