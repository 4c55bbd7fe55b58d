import type { ProviderConformanceOptions } from './conformance-fixtures.js';
export type { ConformanceClock, ConformanceContext, ConformanceSkip, ProviderConformanceOptions, } from './conformance-fixtures.js';
/**
 * Registers the conformance suite under `describe('provider conformance: <name>')`.
 *
 * @example
 * runProviderConformance({
 *   name: 'sqlite (in-memory)',
 *   create: ({ now }) => SqliteProvider.inMemory({ now }),
 *   honoursClock: true,
 * });
 * runProviderConformance({
 *   name: 'my provider',
 *   create: () => MyProvider.connect(url),
 *   skip: [{ name: 'a case name', reason: 'not supported yet: issue 42' }],
 * });
 */
export declare function runProviderConformance(options: ProviderConformanceOptions): void;
