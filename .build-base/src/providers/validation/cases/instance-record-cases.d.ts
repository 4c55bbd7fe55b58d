import type { ConformanceHarness } from '../conformance-fixtures.js';
export declare function registerInstanceRecordCases(h: ConformanceHarness): void;
