import type { ConformanceHarness } from '../conformance-fixtures.js';
export declare function registerProviderSignalCases(h: ConformanceHarness): void;
