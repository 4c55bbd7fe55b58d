import { type InstanceCountGroupBy, type InstanceQuery as ProviderInstanceQuery, type InstanceQueryFilter as ProviderInstanceQueryFilter } from '../providers/provider.js';
/** Validates a `queryInstances` argument. */
export declare function parseInstanceQuery(value: unknown): ProviderInstanceQuery;
/**
 * Validates a `countInstances` filter. `limit` and `cursor` are accepted and ignored, so the
 * object used for a page can be reused for its facet counts.
 */
export declare function parseInstanceCountFilter(value: unknown): ProviderInstanceQueryFilter;
export declare function parseGroupBy(value: unknown): InstanceCountGroupBy;
