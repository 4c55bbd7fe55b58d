import type { ConformanceHarness } from '../conformance-fixtures.js';
export declare function registerOrchestrationAckCases(h: ConformanceHarness): void;
