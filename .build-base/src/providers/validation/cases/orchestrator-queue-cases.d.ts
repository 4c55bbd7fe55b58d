import type { ConformanceHarness } from '../conformance-fixtures.js';
export declare function registerOrchestratorQueueCases(h: ConformanceHarness): void;
