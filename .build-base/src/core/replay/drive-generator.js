/**
 * `driveGenerator`: runs a generator orchestration on the same engine as async functions.
 * Each yielded task is awaited and its result (or error) fed back into the generator
 * (docs/decisions/0001-async-engine-emit-on-call.md).
 * @module
 */
import { DuroxideError } from '../errors/duroxide-error.js';
import { isThenable } from './durable-task.js';
/** Drives a generator orchestration to its return value. */
export async function driveGenerator(gen) {
    let next = {
        ok: true,
        value: undefined,
    };
    for (;;) {
        const step = next.ok
            ? gen.next(next.value)
            : gen.throw(next.error);
        if (step.done === true)
            return step.value;
        const yielded = step.value;
        if (!isThenable(yielded)) {
            next = {
                ok: false,
                error: new DuroxideError('NON_DURABLE_AWAIT', `a generator orchestration yielded ${yielded === null ? 'null' : typeof yielded}; yield only tasks returned by ctx (scheduleActivity, scheduleTimer, all, race, …)`, { category: 'configuration' }),
            };
            continue;
        }
        try {
            next = { ok: true, value: await yielded };
        }
        catch (error) {
            next = { ok: false, error };
        }
    }
}
/** True for what a generator function returns. */
export function isGenerator(value) {
    return (typeof value === 'object' &&
        value !== null &&
        typeof value.next === 'function' &&
        typeof value.throw === 'function' &&
        typeof value[Symbol.iterator] === 'function');
}
//# sourceMappingURL=drive-generator.js.map