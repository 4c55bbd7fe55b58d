/**
 * Validation of the management methods' arguments: every bad value is refused at the call
 * site with an `InvalidInputError` naming the argument and what was wrong with it, before
 * anything reaches storage. Ids, names and versions follow the shared rules in
 * `core/validation/arguments.ts`; this module adds the management-only shapes (option objects,
 * timestamps, page limits).
 * @module
 */
import { InvalidInputError } from '../core/errors/duroxide-error.js';
import { describeValue, requireInstanceId } from '../core/validation/arguments.js';
/** Largest page / batch a management call handles at once. */
const MAX_MANAGEMENT_LIMIT = 1000;
/** A plain options object (or undefined → `{}`), with no keys besides `allowed`. */
export function requireOptionsObject(value, what, allowed) {
    if (value === undefined)
        return {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new InvalidInputError(`${what} must be an object, got ${describeValue(value)}`);
    }
    for (const key of Object.keys(value)) {
        if (!allowed.includes(key)) {
            throw new InvalidInputError(`${what} has an unknown field '${key}'; the fields are ${allowed.join(', ')}`);
        }
    }
    return value;
}
/** An epoch-millisecond timestamp: a finite, non-negative number (not a Date). */
export function requireEpochMs(value, what) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        const hint = value instanceof Date ? '; pass date.getTime()' : '';
        throw new InvalidInputError(`${what} must be a time in epoch milliseconds (a non-negative number), got ${describeValue(value)}${hint}`);
    }
    return value;
}
export function requireLimit(value, what = 'limit') {
    if (typeof value !== 'number' ||
        !Number.isInteger(value) ||
        value < 1 ||
        value > MAX_MANAGEMENT_LIMIT) {
        throw new InvalidInputError(`${what} must be an integer from 1 to ${MAX_MANAGEMENT_LIMIT}, got ${describeValue(value)}`);
    }
    return value;
}
/** `deleteInstanceBulk` / `pruneExecutionsBulk` filter. */
export function parseInstanceFilter(value) {
    const filter = requireOptionsObject(value, 'filter', ['instanceIds', 'completedBefore', 'limit']);
    let instanceIds;
    if (filter['instanceIds'] !== undefined) {
        const ids = filter['instanceIds'];
        if (!Array.isArray(ids))
            throw new InvalidInputError(`filter.instanceIds must be an array of instance ids, got ${describeValue(ids)}`);
        instanceIds = ids.map((id, i) => requireInstanceId(id, `filter.instanceIds[${i}]`));
    }
    return {
        instanceIds,
        completedBefore: filter['completedBefore'] === undefined
            ? undefined
            : requireEpochMs(filter['completedBefore'], 'filter.completedBefore'),
        limit: filter['limit'] === undefined ? undefined : requireLimit(filter['limit'], 'filter.limit'),
    };
}
export function parsePruneOptions(value) {
    const options = requireOptionsObject(value, 'prune options', ['keepLast', 'completedBefore']);
    const keepLast = options['keepLast'];
    if (keepLast !== undefined &&
        (typeof keepLast !== 'number' || !Number.isSafeInteger(keepLast) || keepLast < 0)) {
        throw new InvalidInputError(`options.keepLast must be a non-negative integer, got ${describeValue(keepLast)}`);
    }
    return {
        keepLast,
        completedBefore: options['completedBefore'] === undefined
            ? undefined
            : requireEpochMs(options['completedBefore'], 'options.completedBefore'),
    };
}
//# sourceMappingURL=management-arguments.js.map