import type { ConformanceHarness } from '../conformance-fixtures.js';
export declare function registerKvFailureCases(h: ConformanceHarness): void;
