import type { ConformanceHarness } from '../conformance-fixtures.js';
export declare function registerOrphanCases(h: ConformanceHarness): void;
