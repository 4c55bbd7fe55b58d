import type { ConformanceHarness } from '../conformance-fixtures.js';
export declare function registerHistoryLoadingCases(h: ConformanceHarness): void;
