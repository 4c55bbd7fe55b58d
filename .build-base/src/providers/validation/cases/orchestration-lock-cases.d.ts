import type { ConformanceHarness } from '../conformance-fixtures.js';
export declare function registerOrchestrationLockCases(h: ConformanceHarness): void;
