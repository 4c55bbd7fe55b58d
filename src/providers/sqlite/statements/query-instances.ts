/**
 * `queryInstances` and `countInstances`: the filtered, paged instance query behind the
 * management API and UI.
 * @module
 */
import type Database from 'better-sqlite3';
import { InvalidInputError } from '../../../core/errors/duroxide-error.js';
import type {
  InstanceCount,
  InstanceCountGroupBy,
  InstanceQuery,
  InstanceQueryFilter,
  InstanceRecordPage,
} from '../../provider.js';
import { StatementCache } from '../statement-cache.js';
import { type InstanceRow, toInstanceRecord } from '../../shared/instance-row.js';
import { INSTANCE_COLUMNS, INSTANCE_FROM } from './read-instances.js';
import { decodeCursor, encodeCursor, MAX_QUERY_LIMIT } from '../../shared/instance-cursor.js';

export interface InstanceQueries {
  queryInstances(query: InstanceQuery): InstanceRecordPage;
  countInstances(filter: InstanceQueryFilter, groupBy: InstanceCountGroupBy): InstanceCount[];
}


/**
 * The smallest string greater than every string starting with `prefix` (in SQLite's BINARY
 * order, which is code-point order), or undefined when incrementing the last UTF-16 unit would
 * not preserve that order; the bound only narrows the index range, an exact check follows it.
 */
function prefixUpperBound(prefix: string): string | undefined {
  const last = prefix.charCodeAt(prefix.length - 1);
  if (prefix.length === 0 || last === 0xd7ff || (last >= 0xd800 && last <= 0xdfff) || last === 0xffff) return undefined;
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/** A prefix test on `column` that SQLite can answer with an index range. */
function prefixCondition(column: string, param: string, prefix: string, params: Record<string, unknown>): string {
  params[param] = prefix;
  const upper = prefixUpperBound(prefix);
  const exact = `substr(${column}, 1, length(@${param})) = @${param}`;
  if (upper === undefined) return `${column} >= @${param} AND ${exact}`;
  params[`${param}Upper`] = upper;
  return `${column} >= @${param} AND ${column} < @${param}Upper AND ${exact}`;
}

/** WHERE conditions for the criteria present, and their parameters. */
function whereClause(filter: InstanceQueryFilter): { conditions: string[]; params: Record<string, unknown> } {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (condition: string, name: string, value: unknown): void => {
    conditions.push(condition);
    params[name] = value;
  };
  // `e.status = …` (not COALESCE) so the status index applies; every instance row has its
  // current execution row, both being written by the same ack.
  if (filter.status !== undefined) add('e.status = @status', 'status', filter.status);
  if (filter.name !== undefined) add('i.orchestration_name = @name', 'name', filter.name);
  if (filter.version !== undefined) add('i.orchestration_version = @version', 'version', filter.version);
  if (filter.versionPrefix !== undefined) {
    conditions.push(prefixCondition('i.orchestration_version', 'versionPrefix', filter.versionPrefix, params));
  }
  if (filter.createdFrom !== undefined) add('i.created_at >= @createdFrom', 'createdFrom', filter.createdFrom);
  if (filter.createdTo !== undefined) add('i.created_at < @createdTo', 'createdTo', filter.createdTo);
  if (filter.updatedFrom !== undefined) add('i.updated_at >= @updatedFrom', 'updatedFrom', filter.updatedFrom);
  if (filter.updatedTo !== undefined) add('i.updated_at < @updatedTo', 'updatedTo', filter.updatedTo);
  if (filter.parentInstanceId !== undefined) {
    add('i.parent_instance_id = @parentInstanceId', 'parentInstanceId', filter.parentInstanceId);
  }
  if (filter.idPrefix !== undefined) conditions.push(prefixCondition('i.instance_id', 'idPrefix', filter.idPrefix, params));
  return { conditions, params };
}

const GROUP_KEYS: Record<InstanceCountGroupBy, string> = {
  status: "COALESCE(e.status, 'Running')",
  name: 'i.orchestration_name',
  version: "COALESCE(i.orchestration_version, 'unknown')",
};

/**
 * Each combination of criteria gets its own SQL text (cached), containing only the conditions
 * that apply, so SQLite's planner can pick the index that fits: `created_at` for the page
 * order, name/version/updated/parent/status indexes for selective filters (migration 0003).
 *
 * Keyset pagination: the page order is `created_at DESC, instance_id ASC` (the order of
 * `idx_instances_created` and of `listInstances`), and a cursor holds the last item's
 * `(created_at, instance_id)`, so a page costs the same however deep it is, and instances
 * created while paging cannot shift the remaining pages.
 */
export function prepareInstanceQueries(db: Database.Database): InstanceQueries {
  const statements = new StatementCache(db);

  return {
    queryInstances(query) {
      if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_QUERY_LIMIT) {
        throw new InvalidInputError(`limit must be an integer from 1 to ${MAX_QUERY_LIMIT}, got ${String(query.limit)}`);
      }
      const { conditions, params } = whereClause(query);
      if (query.cursor !== undefined) {
        const after = decodeCursor(query.cursor);
        conditions.push(
          'i.created_at <= @cursorCreatedAt',
          '(i.created_at < @cursorCreatedAt OR i.instance_id > @cursorInstanceId)',
        );
        params['cursorCreatedAt'] = after.createdAt;
        params['cursorInstanceId'] = after.instanceId;
      }
      // One extra row tells whether another page exists without a COUNT.
      params['limit'] = query.limit + 1;
      const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
      const rows = statements
        .get<Record<string, unknown>, InstanceRow>(
          `SELECT ${INSTANCE_COLUMNS} ${INSTANCE_FROM} ${where}
           ORDER BY i.created_at DESC, i.instance_id LIMIT @limit`,
        )
        .all(params);
      const hasMore = rows.length > query.limit;
      const items = (hasMore ? rows.slice(0, query.limit) : rows).map(toInstanceRecord);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor: hasMore && last !== undefined ? encodeCursor({ createdAt: last.createdAt, instanceId: last.instanceId }) : null,
      };
    },

    countInstances(filter, groupBy) {
      const key = GROUP_KEYS[groupBy];
      if (key === undefined) {
        throw new InvalidInputError(`groupBy must be one of status, name, version, got ${JSON.stringify(groupBy)}`);
      }
      const { conditions, params } = whereClause(filter);
      const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
      return statements
        .get<Record<string, unknown>, InstanceCount>(
          `SELECT ${key} AS "key", COUNT(*) AS "count" ${INSTANCE_FROM} ${where}
           GROUP BY 1 ORDER BY "count" DESC, "key"`,
        )
        .all(params);
    },
  };
}
