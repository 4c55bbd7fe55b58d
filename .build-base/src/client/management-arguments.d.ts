import type { InstanceSelectionFilter, PruneExecutionsOptions } from '../providers/provider.js';
/** A plain options object (or undefined → `{}`), with no keys besides `allowed`. */
export declare function requireOptionsObject(value: unknown, what: string, allowed: readonly string[]): Record<string, unknown>;
/** An epoch-millisecond timestamp: a finite, non-negative number (not a Date). */
export declare function requireEpochMs(value: unknown, what: string): number;
export declare function requireLimit(value: unknown, what?: string): number;
/** `deleteInstanceBulk` / `pruneExecutionsBulk` filter. */
export declare function parseInstanceFilter(value: unknown): InstanceSelectionFilter;
export declare function parsePruneOptions(value: unknown): PruneExecutionsOptions;
