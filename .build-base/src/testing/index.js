/**
 * `duroxide-ts/testing`: the provider conformance suite, for authors of third-party providers.
 *
 * Call it from a `node:test` file; it registers one `describe` block whose cases run against a
 * fresh provider each (queues, locks, acks, attempts, multi-execution,
 * timers, sessions, tags, KV, custom status, management, deletion, pruning, signals).
 *
 * @example
 * // my-provider.test.ts
 * import { runProviderConformance } from 'duroxide-ts/testing';
 * runProviderConformance({
 *   name: 'my provider',
 *   create: ({ now }) => MyProvider.connect(url, { now }), // honours the test's clock
 *   honoursClock: true,
 *   skip: [{ name: 'a case name', reason: 'not supported yet' }], // optional
 * });
 * // Cases of capabilities the provider does not declare are reported as skipped
 * // (docs/decisions/0006-provider-capabilities.md).
 * @module
 */
export { runProviderConformance } from '../providers/validation/run-provider-conformance.js';
//# sourceMappingURL=index.js.map