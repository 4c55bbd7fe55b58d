/**
 * The instance query's argument handling: validation, and translation of version patterns
 * (`'1.0.x'`) into the provider's exact/prefix criteria.
 * @module
 */
import { InvalidInputError } from '../core/errors/duroxide-error.js';
import { parseSemVer } from '../core/versioning/semver.js';
import { EXECUTION_STATUSES, INSTANCE_COUNT_GROUP_BYS, } from '../providers/provider.js';
import { requireIdentifier, requireInstanceId } from '../core/validation/arguments.js';
import { requireEpochMs, requireLimit, requireOptionsObject } from './management-arguments.js';
/** Page size when the query does not say. */
const DEFAULT_QUERY_LIMIT = 100;
const FILTER_FIELDS = [
    'status',
    'name',
    'version',
    'createdFrom',
    'createdTo',
    'updatedFrom',
    'updatedTo',
    'parentInstanceId',
    'idPrefix',
];
const QUERY_FIELDS = [...FILTER_FIELDS, 'limit', 'cursor'];
/** `1.x`, `1.*`, `1.0.x`, `1.0.*`: every version whose leading numbers match. */
const VERSION_PATTERN = /^(0|[1-9]\d*)\.(?:(0|[1-9]\d*)\.)?[x*]$/;
/**
 * An exact semver becomes `version`; a wildcard pattern becomes `versionPrefix`
 * (`'1.0.x'` → `'1.0.'`, which matches 1.0.0, 1.0.17 and 1.0.3-beta but not 1.01.0).
 */
function parseVersionFilter(value) {
    if (typeof value === 'string' && VERSION_PATTERN.test(value))
        return { versionPrefix: value.slice(0, -1) };
    if (typeof value === 'string' && parseSemVer(value) !== null)
        return { version: value };
    throw new InvalidInputError(`version filter must be a semver version like '1.0.2' or a pattern like '1.0.x', '1.0.*', '1.x', got ${JSON.stringify(value) ?? String(value)}`);
}
function parseRange(filter, from, to) {
    const start = filter[from] === undefined ? undefined : requireEpochMs(filter[from], from);
    const end = filter[to] === undefined ? undefined : requireEpochMs(filter[to], to);
    if (start !== undefined && end !== undefined && start > end) {
        throw new InvalidInputError(`${from} (${start}) is after ${to} (${end}); the range would match nothing`);
    }
    return [start, end];
}
function parseFilterFields(filter) {
    const status = filter['status'];
    if (status !== undefined && !EXECUTION_STATUSES.includes(status)) {
        throw new InvalidInputError(`status must be one of ${EXECUTION_STATUSES.join(', ')}, got ${JSON.stringify(status) ?? typeof status}`);
    }
    const [createdFrom, createdTo] = parseRange(filter, 'createdFrom', 'createdTo');
    const [updatedFrom, updatedTo] = parseRange(filter, 'updatedFrom', 'updatedTo');
    return {
        status: status,
        name: filter['name'] === undefined ? undefined : requireIdentifier(filter['name'], 'name'),
        ...(filter['version'] === undefined ? {} : parseVersionFilter(filter['version'])),
        createdFrom,
        createdTo,
        updatedFrom,
        updatedTo,
        parentInstanceId: filter['parentInstanceId'] === undefined
            ? undefined
            : requireInstanceId(filter['parentInstanceId'], 'parentInstanceId'),
        idPrefix: filter['idPrefix'] === undefined
            ? undefined
            : requireIdentifier(filter['idPrefix'], 'idPrefix'),
    };
}
/** Validates a `queryInstances` argument. */
export function parseInstanceQuery(value) {
    const query = requireOptionsObject(value, 'instance query', QUERY_FIELDS);
    const cursor = query['cursor'];
    if (cursor !== undefined && (typeof cursor !== 'string' || cursor.length === 0)) {
        throw new InvalidInputError(`cursor must be the nextCursor string of a previous page, got ${JSON.stringify(cursor) ?? typeof cursor}`);
    }
    return {
        ...parseFilterFields(query),
        limit: query['limit'] === undefined ? DEFAULT_QUERY_LIMIT : requireLimit(query['limit']),
        cursor,
    };
}
/**
 * Validates a `countInstances` filter. `limit` and `cursor` are accepted and ignored, so the
 * object used for a page can be reused for its facet counts.
 */
export function parseInstanceCountFilter(value) {
    return parseFilterFields(requireOptionsObject(value, 'instance filter', QUERY_FIELDS));
}
export function parseGroupBy(value) {
    if (!INSTANCE_COUNT_GROUP_BYS.includes(value)) {
        throw new InvalidInputError(`groupBy must be one of ${INSTANCE_COUNT_GROUP_BYS.join(', ')}, got ${JSON.stringify(value) ?? String(value)}`);
    }
    return value;
}
//# sourceMappingURL=instance-query.js.map