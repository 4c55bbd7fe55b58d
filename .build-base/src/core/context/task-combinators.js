/**
 * `ctx.all` and `ctx.race`: composite durable tasks over tasks the context returned. They settle
 * from their children's settlements, which the replay engine delivers one at a time in history
 * order, so the winner of a race and the order of results replay identically
 * (docs/architecture.md).
 * @module
 */
import { InvalidInputError } from '../errors/duroxide-error.js';
import { DurableTask } from '../replay/durable-task.js';
function requireTasks(tasks, what) {
    if (!Array.isArray(tasks))
        throw new InvalidInputError(`${what}() takes an array of tasks`);
    return tasks.map((t, i) => {
        if (!(t instanceof DurableTask)) {
            throw new InvalidInputError(`${what}(): element ${i} is not a task returned by ctx`);
        }
        return t;
    });
}
function errorText(e) {
    if (e instanceof Error)
        return e.message;
    return typeof e === 'string' ? e : (JSON.stringify(e) ?? String(e));
}
/** Waits for every task; resolves with `{ ok } | { err }` per task, in argument order. Never fails. */
export function allOf(host, tasks, mapValue) {
    const list = requireTasks(tasks, 'all');
    const composite = new DurableTask('all', list);
    // Before any listener: settled children settle the composite at once.
    if (mapValue !== undefined)
        composite.mapValue(mapValue);
    host.track(composite);
    let remaining = list.length;
    const finish = () => {
        const results = list.map((t) => {
            const s = t.settlement;
            return s.ok ? { ok: s.value } : { err: errorText(s.error) };
        });
        composite.settle({
            ok: true,
            value: results,
        });
    };
    if (remaining === 0)
        finish();
    for (const t of list) {
        t.onSettle(() => {
            if (--remaining === 0)
                finish();
        });
    }
    return composite;
}
/**
 * Settles like the first task to settle, in history order (`{ index, value }`, or its error);
 * the other tasks are dropped, which cancels them where possible.
 */
export function raceOf(host, tasks, mapValue) {
    const list = requireTasks(tasks, 'race');
    if (list.length === 0)
        throw new InvalidInputError('race() needs at least one task');
    const composite = new DurableTask('race', list);
    if (mapValue !== undefined)
        composite.mapValue(mapValue);
    host.track(composite);
    list.forEach((t, index) => {
        t.onSettle(() => {
            if (composite.isSettled || composite.internals.dropped)
                return;
            const s = t.settlement;
            composite.settle(s.ok
                ? { ok: true, value: { index, value: s.value } }
                : { ok: false, error: s.error });
            for (const loser of list)
                if (loser !== t)
                    host.drop(loser);
        });
    });
    return composite;
}
//# sourceMappingURL=task-combinators.js.map