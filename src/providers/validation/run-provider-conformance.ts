/**
 * The provider conformance suite: one set of behaviour tests every `Provider` must pass
 * (the SQLite and PostgreSQL providers, and any third-party one). Registering it from a
 * `node:test` file runs every case against a fresh provider per test.
 *
 * Cases are grouped by capability (docs/decisions/0006-provider-capabilities.md): the core
 * groups always run; the cases of a capability the provider does not declare are reported as
 * skipped, naming it. `skip` lists further cases not to run, each with a reason.
 *
 * Timing: cases use short locks (~150 ms) and let time pass through the test's clock
 * (`ConformanceHarness.clock`). With `honoursClock: true` the provider computes every time from
 * the `now` that `create` receives, and the suite moves that clock forward at once; otherwise
 * it sleeps in real time (each case stays well under 1.5 s). Only waits for asynchronous
 * commit signals are real (20 ms). A provider must redeliver messages that raced ahead of their
 * instance's start within about a second of its clock (see the orphan cases).
 * @module
 */
import assert from 'node:assert/strict';
import { describe, test } from './node-test.js';
import { registerAckHandoffCases } from './cases/ack-handoff-cases.js';
import { registerCapabilityDeclarationCases } from './cases/capability-declaration-cases.js';
import { registerBulkDeletionCases } from './cases/bulk-deletion-cases.js';
import { registerDeletionCases } from './cases/deletion-cases.js';
import { registerFleetCases } from './cases/fleet-cases.js';
import { registerFleetTurnCases } from './cases/fleet-turn-cases.js';
import { registerHistoryLoadingCases } from './cases/history-loading-cases.js';
import { registerInstanceQueryCases } from './cases/instance-query-cases.js';
import { registerInstanceRecordCases } from './cases/instance-record-cases.js';
import { registerKvFailureCases } from './cases/kv-failure-cases.js';
import { registerKvStoreCases } from './cases/kv-store-cases.js';
import { registerManagementMetricsCases } from './cases/management-metrics-cases.js';
import { registerOrchestrationAckCases } from './cases/orchestration-ack-cases.js';
import { registerOrchestrationLockCases } from './cases/orchestration-lock-cases.js';
import { registerOperatorStoreCases } from './cases/operator-store-cases.js';
import { registerOrchestratorQueueCases } from './cases/orchestrator-queue-cases.js';
import { registerOrphanCases } from './cases/orphan-cases.js';
import { registerPoisonedItemCases } from './cases/poisoned-item-cases.js';
import { registerProviderSignalCases } from './cases/provider-signal-cases.js';
import { registerPruneCases } from './cases/prune-cases.js';
import { registerSessionCases } from './cases/session-cases.js';
import { registerWorkerQueueCases } from './cases/worker-queue-cases.js';
import type { ProviderConformanceOptions } from './conformance-fixtures.js';
import { createHarness } from './conformance-fixtures.js';

export type {
  ConformanceClock,
  ConformanceContext,
  ConformanceSkip,
  ProviderConformanceOptions,
} from './conformance-fixtures.js';

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
export function runProviderConformance(options: ProviderConformanceOptions): void {
  const { harness, unknownSkips } = createHarness(options);
  const management = harness.requiring('management');
  const fleet = harness.requiring('fleet');
  describe(`provider conformance: ${options.name}`, () => {
    // core
    registerCapabilityDeclarationCases(harness);
    registerOrchestratorQueueCases(harness);
    registerOrchestrationAckCases(harness);
    registerOrchestrationLockCases(harness);
    registerWorkerQueueCases(harness);
    registerInstanceRecordCases(harness);
    registerHistoryLoadingCases(harness);
    registerOrphanCases(harness);
    registerProviderSignalCases(harness);
    registerKvStoreCases(harness);
    registerKvFailureCases(harness);
    // capabilities
    registerAckHandoffCases(harness.requiring('localActivityHandoff'));
    registerSessionCases(harness.requiring('sessions'));
    registerDeletionCases(management);
    registerBulkDeletionCases(management);
    registerPruneCases(management);
    registerManagementMetricsCases(management);
    registerInstanceQueryCases(management);
    registerOperatorStoreCases(management);
    registerPoisonedItemCases(management);
    registerFleetCases(fleet);
    registerFleetTurnCases(fleet);
    test('every case the skip list names exists', () => {
      const unknown = unknownSkips();
      assert.deepEqual(
        unknown,
        [],
        `the skip list names cases this suite does not have: ${unknown.join(', ')}`,
      );
    });
  });
}
