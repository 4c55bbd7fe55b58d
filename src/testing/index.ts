/**
 * `duroxide-ts/testing`: the provider conformance suite, for authors of third-party providers.
 *
 * Call it from a `node:test` file; it registers one `describe` block whose cases run against a
 * fresh provider each (SPEC §11.1 categories: queues, locks, acks, attempts, multi-execution,
 * timers, sessions, tags, KV, custom status, management, deletion, pruning, signals).
 *
 * @example
 * // my-provider.test.ts
 * import { runProviderConformance } from 'duroxide-ts/testing';
 * runProviderConformance({ name: 'my provider', create: () => MyProvider.connect(url) });
 * @module
 */
export { runProviderConformance } from '../providers/validation/run-provider-conformance.js';
export type { ConformanceClock, ConformanceContext, ConformanceSkip, ProviderConformanceOptions } from '../providers/validation/run-provider-conformance.js';
