import type { InstanceCountGroupBy, InstanceQuery, InstanceQueryFilter, InstanceRecordPage } from '../provider.js';
import { type InstanceRow } from './instance-row.js';
/** How a provider's SQL spells parameters and text tests. */
export interface QueryDialect {
    /** The placeholder of the n-th parameter, counting from 1 (`$1`, `@p1`). */
    placeholder(n: number): string;
    /** A placeholder as a text operand (PostgreSQL needs a cast where the type is not inferred). */
    text(placeholder: string): string;
    /** An exact test that `column` starts with the text operand `p`. */
    startsWith(column: string, p: string): string;
}
/** A WHERE clause with its parameters, built from the criteria present. */
export declare class SqlConditions {
    #private;
    readonly conditions: string[];
    readonly params: unknown[];
    constructor(dialect: QueryDialect);
    /** Binds `value` as the next parameter; returns its placeholder (reusable in the same SQL). */
    param(value: unknown): string;
    add(condition: string): void;
    /** A prefix test on `column` that an index range can answer; an exact check follows the range. */
    prefix(column: string, prefix: string): void;
    /** `WHERE …`, or '' when no condition applies. */
    get where(): string;
}
/**
 * The smallest string greater than every string starting with `prefix` in code-point order
 * (SQLite's BINARY order; the byte order of PostgreSQL's "C" collation these columns use), or
 * undefined when incrementing the last UTF-16 unit would not preserve that order; the bound
 * only narrows the index range, an exact check follows it.
 */
export declare function prefixUpperBound(prefix: string): string | undefined;
/**
 * The conditions of `filter` over instances `i` joined with their current execution `e`.
 * `e.status = …` (not COALESCE) so the status index applies; every instance row has its
 * current execution row, both being written by the same ack.
 */
export declare function instanceFilterConditions(filter: InstanceQueryFilter, dialect: QueryDialect): SqlConditions;
/** One page of the instance query: its WHERE clause and the LIMIT placeholder, sharing `params`. */
export interface InstancePagePlan {
    readonly where: string;
    readonly limit: string;
    readonly params: unknown[];
}
/**
 * Keyset pagination: the page order is `created_at DESC, instance_id ASC` (the order of
 * `idx_instances_created` and of `listInstances`), and a cursor holds the last item's
 * `(created_at, instance_id)`, so a page costs the same however deep it is, and instances
 * created while paging cannot shift the remaining pages. The limit asks for one extra row,
 * which tells whether another page exists without a COUNT (see {@link toInstanceRecordPage}).
 * @throws InvalidInputError for a limit outside 1..{@link MAX_QUERY_LIMIT} or a malformed cursor.
 */
export declare function planInstancePage(query: InstanceQuery, dialect: QueryDialect): InstancePagePlan;
/** The page for rows read with a {@link planInstancePage} plan (at most `limit + 1` rows). */
export declare function toInstanceRecordPage(rows: readonly InstanceRow[], limit: number): InstanceRecordPage;
/**
 * The SQL expression `countInstances` groups by.
 * @throws InvalidInputError for an unknown `groupBy`.
 */
export declare function instanceCountKey(groupBy: InstanceCountGroupBy): string;
