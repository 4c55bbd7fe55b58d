/**
 * `queryInstances` and `countInstances`: the filtered, paged instance query behind the
 * management API and UI.
 * @module
 */
import { InvalidInputError } from '../../../core/errors/duroxide-error.js';
import type {
  InstanceCount,
  InstanceCountGroupBy,
  InstanceQuery,
  InstanceQueryFilter,
  InstanceRecordPage,
} from '../../provider.js';
import type { Queryable } from '../database.js';
import { type InstanceRow, toInstanceRecord } from '../../shared/instance-row.js';
import { instanceRowSelect } from './read-instances.js';
import type { StatementContext } from './statement-context.js';
import { table } from './statement-context.js';
import { decodeCursor, encodeCursor, MAX_QUERY_LIMIT } from '../../shared/instance-cursor.js';

export interface InstanceQueries {
  queryInstances(db: Queryable, query: InstanceQuery): Promise<InstanceRecordPage>;
  countInstances(db: Queryable, filter: InstanceQueryFilter, groupBy: InstanceCountGroupBy): Promise<InstanceCount[]>;
}


/**
 * The smallest string greater than every string starting with `prefix` in code-point order
 * (which is the byte order of the "C" collation these columns use), or undefined when
 * incrementing the last UTF-16 unit would not preserve that order; the bound only narrows the
 * index range, an exact check follows it.
 */
function prefixUpperBound(prefix: string): string | undefined {
  const last = prefix.charCodeAt(prefix.length - 1);
  if (prefix.length === 0 || last === 0xd7ff || (last >= 0xd800 && last <= 0xdfff) || last === 0xffff) return undefined;
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/** Builds a WHERE clause with positional parameters, adding only the criteria present. */
class Conditions {
  readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(condition: (p: (value: unknown) => string) => string): void {
    this.conditions.push(condition((v) => this.param(v)));
  }

  /** A prefix test on `column` that an index range can answer. */
  prefix(column: string, prefix: string): void {
    const p = this.param(prefix);
    const exact = `left(${column}, char_length(${p}::text)) = ${p}::text`;
    const upper = prefixUpperBound(prefix);
    this.conditions.push(
      upper === undefined ? `${column} >= ${p}::text AND ${exact}` : `${column} >= ${p}::text AND ${column} < ${this.param(upper)}::text AND ${exact}`,
    );
  }

  get where(): string {
    return this.conditions.length === 0 ? '' : `WHERE ${this.conditions.join(' AND ')}`;
  }
}

function whereClause(filter: InstanceQueryFilter): Conditions {
  const c = new Conditions();
  // `e.status = …` (not COALESCE) so the status index applies; every instance row has its
  // current execution row, both being written by the same ack.
  if (filter.status !== undefined) c.add((p) => `e.status = ${p(filter.status)}`);
  if (filter.name !== undefined) c.add((p) => `i.orchestration_name = ${p(filter.name)}`);
  if (filter.version !== undefined) c.add((p) => `i.orchestration_version = ${p(filter.version)}`);
  if (filter.versionPrefix !== undefined) c.prefix('i.orchestration_version', filter.versionPrefix);
  if (filter.createdFrom !== undefined) c.add((p) => `i.created_at >= ${p(filter.createdFrom)}`);
  if (filter.createdTo !== undefined) c.add((p) => `i.created_at < ${p(filter.createdTo)}`);
  if (filter.updatedFrom !== undefined) c.add((p) => `i.updated_at >= ${p(filter.updatedFrom)}`);
  if (filter.updatedTo !== undefined) c.add((p) => `i.updated_at < ${p(filter.updatedTo)}`);
  if (filter.parentInstanceId !== undefined) c.add((p) => `i.parent_instance_id = ${p(filter.parentInstanceId)}`);
  if (filter.idPrefix !== undefined) c.prefix('i.instance_id', filter.idPrefix);
  return c;
}

const GROUP_KEYS: Record<InstanceCountGroupBy, string> = {
  status: "COALESCE(e.status, 'Running')",
  name: 'i.orchestration_name',
  version: "COALESCE(i.orchestration_version, 'unknown')",
};

/**
 * Each combination of criteria gets SQL containing only the conditions that apply, so the
 * planner can pick the index that fits (migration 0001's management indexes).
 *
 * Keyset pagination: the page order is `created_at DESC, instance_id ASC` (the order of
 * `idx_instances_created` and of `listInstances`), and a cursor holds the last item's
 * `(created_at, instance_id)`, so a page costs the same however deep it is, and instances
 * created while paging cannot shift the remaining pages.
 */
export function prepareInstanceQueries(ctx: StatementContext): InstanceQueries {
  const from = `FROM ${table(ctx, 'instances')} i
    LEFT JOIN ${table(ctx, 'executions')} e ON e.instance_id = i.instance_id AND e.execution_id = i.current_execution_id`;

  return {
    async queryInstances(db, query) {
      if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_QUERY_LIMIT) {
        throw new InvalidInputError(`limit must be an integer from 1 to ${MAX_QUERY_LIMIT}, got ${String(query.limit)}`);
      }
      const c = whereClause(query);
      if (query.cursor !== undefined) {
        const after = decodeCursor(query.cursor);
        c.add((p) => {
          const createdAt = p(after.createdAt);
          return `i.created_at <= ${createdAt} AND (i.created_at < ${createdAt} OR i.instance_id > ${p(after.instanceId)})`;
        });
      }
      // One extra row tells whether another page exists without a COUNT.
      const limit = c.param(query.limit + 1);
      const { rows } = await db.query<InstanceRow>(
        `${instanceRowSelect(ctx)} ${c.where} ORDER BY i.created_at DESC, i.instance_id LIMIT ${limit}`,
        c.params,
      );
      const hasMore = rows.length > query.limit;
      const items = (hasMore ? rows.slice(0, query.limit) : rows).map(toInstanceRecord);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor: hasMore && last !== undefined ? encodeCursor({ createdAt: last.createdAt, instanceId: last.instanceId }) : null,
      };
    },

    async countInstances(db, filter, groupBy) {
      const key = GROUP_KEYS[groupBy];
      if (key === undefined) {
        throw new InvalidInputError(`groupBy must be one of status, name, version, got ${JSON.stringify(groupBy)}`);
      }
      const c = whereClause(filter);
      const { rows } = await db.query<{ key: string; count: number }>(
        `SELECT ${key} AS "key", COUNT(*) AS "count" ${from} ${c.where}
         GROUP BY 1 ORDER BY COUNT(*) DESC, ${key} COLLATE "C"`,
        c.params,
      );
      return rows.map((r) => ({ key: r.key, count: r.count }));
    },
  };
}
