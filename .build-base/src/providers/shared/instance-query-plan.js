/**
 * Planning of the filtered, paged instance query (`queryInstances`, `countInstances`): which
 * WHERE conditions a filter needs and their parameters, the keyset cursor condition, and the
 * page built from the rows. Each provider supplies its SQL dialect (placeholders, casts, prefix
 * test) and the SELECT around the WHERE clause.
 *
 * Each combination of criteria yields SQL containing only the conditions that apply (never
 * `@x IS NULL OR col = @x`, which keeps the planner from using an index), so the planner can
 * pick the index that fits the selective criterion.
 * @module
 */
import { InvalidInputError } from '../../core/errors/duroxide-error.js';
import { decodeCursor, encodeCursor, MAX_QUERY_LIMIT } from './instance-cursor.js';
import { toInstanceRecord } from './instance-row.js';
/** A WHERE clause with its parameters, built from the criteria present. */
export class SqlConditions {
    conditions = [];
    params = [];
    #dialect;
    constructor(dialect) {
        this.#dialect = dialect;
    }
    /** Binds `value` as the next parameter; returns its placeholder (reusable in the same SQL). */
    param(value) {
        this.params.push(value);
        return this.#dialect.placeholder(this.params.length);
    }
    add(condition) {
        this.conditions.push(condition);
    }
    /** A prefix test on `column` that an index range can answer; an exact check follows the range. */
    prefix(column, prefix) {
        const text = (value) => this.#dialect.text(this.param(value));
        const p = text(prefix);
        const exact = this.#dialect.startsWith(column, p);
        const upper = prefixUpperBound(prefix);
        this.conditions.push(upper === undefined
            ? `${column} >= ${p} AND ${exact}`
            : `${column} >= ${p} AND ${column} < ${text(upper)} AND ${exact}`);
    }
    /** `WHERE …`, or '' when no condition applies. */
    get where() {
        return this.conditions.length === 0 ? '' : `WHERE ${this.conditions.join(' AND ')}`;
    }
}
/**
 * The smallest string greater than every string starting with `prefix` in code-point order
 * (SQLite's BINARY order; the byte order of PostgreSQL's "C" collation these columns use), or
 * undefined when incrementing the last UTF-16 unit would not preserve that order; the bound
 * only narrows the index range, an exact check follows it.
 */
export function prefixUpperBound(prefix) {
    const last = prefix.charCodeAt(prefix.length - 1);
    if (prefix.length === 0 ||
        last === 0xd7ff ||
        (last >= 0xd800 && last <= 0xdfff) ||
        last === 0xffff)
        return undefined;
    return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}
/**
 * The conditions of `filter` over instances `i` joined with their current execution `e`.
 * `e.status = …` (not COALESCE) so the status index applies; every instance row has its
 * current execution row, both being written by the same ack.
 */
export function instanceFilterConditions(filter, dialect) {
    const c = new SqlConditions(dialect);
    if (filter.status !== undefined)
        c.add(`e.status = ${c.param(filter.status)}`);
    if (filter.name !== undefined)
        c.add(`i.orchestration_name = ${c.param(filter.name)}`);
    if (filter.version !== undefined)
        c.add(`i.orchestration_version = ${c.param(filter.version)}`);
    if (filter.versionPrefix !== undefined)
        c.prefix('i.orchestration_version', filter.versionPrefix);
    if (filter.createdFrom !== undefined)
        c.add(`i.created_at >= ${c.param(filter.createdFrom)}`);
    if (filter.createdTo !== undefined)
        c.add(`i.created_at < ${c.param(filter.createdTo)}`);
    if (filter.updatedFrom !== undefined)
        c.add(`i.updated_at >= ${c.param(filter.updatedFrom)}`);
    if (filter.updatedTo !== undefined)
        c.add(`i.updated_at < ${c.param(filter.updatedTo)}`);
    if (filter.parentInstanceId !== undefined)
        c.add(`i.parent_instance_id = ${c.param(filter.parentInstanceId)}`);
    if (filter.idPrefix !== undefined)
        c.prefix('i.instance_id', filter.idPrefix);
    return c;
}
/**
 * Keyset pagination: the page order is `created_at DESC, instance_id ASC` (the order of
 * `idx_instances_created` and of `listInstances`), and a cursor holds the last item's
 * `(created_at, instance_id)`, so a page costs the same however deep it is, and instances
 * created while paging cannot shift the remaining pages. The limit asks for one extra row,
 * which tells whether another page exists without a COUNT (see {@link toInstanceRecordPage}).
 * @throws InvalidInputError for a limit outside 1..{@link MAX_QUERY_LIMIT} or a malformed cursor.
 */
export function planInstancePage(query, dialect) {
    if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_QUERY_LIMIT) {
        throw new InvalidInputError(`limit must be an integer from 1 to ${MAX_QUERY_LIMIT}, got ${String(query.limit)}`);
    }
    const c = instanceFilterConditions(query, dialect);
    if (query.cursor !== undefined) {
        const after = decodeCursor(query.cursor);
        const createdAt = c.param(after.createdAt);
        c.add(`i.created_at <= ${createdAt} AND (i.created_at < ${createdAt} OR i.instance_id > ${c.param(after.instanceId)})`);
    }
    const limit = c.param(query.limit + 1);
    return { where: c.where, limit, params: c.params };
}
/** The page for rows read with a {@link planInstancePage} plan (at most `limit + 1` rows). */
export function toInstanceRecordPage(rows, limit) {
    const hasMore = rows.length > limit;
    const items = (hasMore ? rows.slice(0, limit) : rows).map(toInstanceRecord);
    const last = items[items.length - 1];
    return {
        items,
        nextCursor: hasMore && last !== undefined
            ? encodeCursor({ createdAt: last.createdAt, instanceId: last.instanceId })
            : null,
    };
}
const GROUP_KEYS = {
    status: "COALESCE(e.status, 'Running')",
    name: 'i.orchestration_name',
    version: "COALESCE(i.orchestration_version, 'unknown')",
};
/**
 * The SQL expression `countInstances` groups by.
 * @throws InvalidInputError for an unknown `groupBy`.
 */
export function instanceCountKey(groupBy) {
    const key = GROUP_KEYS[groupBy];
    if (key === undefined) {
        throw new InvalidInputError(`groupBy must be one of status, name, version, got ${JSON.stringify(groupBy)}`);
    }
    return key;
}
//# sourceMappingURL=instance-query-plan.js.map