/**
 * `duroxide-ts/testing`: unit-test orchestrations on a virtual clock, replay exported histories
 * against new code, and run the provider conformance suite. Works under any test runner: nothing
 * here imports `node:test` until `runProviderConformance` is called (docs/testing.md).
 *
 * @example
 * import { createTestEnvironment, replayHistory } from 'duroxide-ts/testing';
 * const env = await createTestEnvironment({ orchestrations: { Reminder }, activities: { Send } });
 * const output = await env.run('Reminder', 'ada'); // a 30-day timer, in milliseconds
 * await env.close();
 * await replayHistory({ Reminder }, readFileSync('fixtures/reminder.ndjson', 'utf8'));
 *
 * @example
 * // my-provider.test.ts: the conformance suite, for authors of third-party providers
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
export { createTestEnvironment, TestEnvironment } from './test-environment.js';
export type { StartOptions, TestEnvironmentOptions, TestHistoryEvent } from './test-environment.js';
export type { ActivityCall } from './activity-calls.js';
export type {
  OrchestrationInput,
  OrchestrationOutput,
  OrchestrationSet,
} from './orchestration-set.js';
export { replayHistory, ReplayHistoryError } from './replay-history.js';
export type { ReplayHistoryOptions, ReplayHistoryReport } from './replay-history.js';
export type { ExportedEvent, ExportedHistory } from './exported-history.js';
export type { ReplayCheckResult } from '../runtime/replay-check.js';
export { runProviderConformance } from '../providers/validation/run-provider-conformance.js';
export type {
  ConformanceClock,
  ConformanceContext,
  ConformanceSkip,
  ProviderConformanceOptions,
} from '../providers/validation/run-provider-conformance.js';
