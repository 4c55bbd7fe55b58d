import type { ConformanceHarness } from '../conformance-fixtures.js';
export declare function registerWorkerQueueCases(h: ConformanceHarness): void;
