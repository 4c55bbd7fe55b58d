import type { ConformanceHarness } from '../conformance-fixtures.js';
export declare function registerCapabilityDeclarationCases(h: ConformanceHarness): void;
