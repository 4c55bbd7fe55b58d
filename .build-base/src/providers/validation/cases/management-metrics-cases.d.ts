import type { ProviderWith } from '../../provider.js';
import type { ConformanceHarness } from '../conformance-fixtures.js';
export declare function registerManagementMetricsCases(h: ConformanceHarness<ProviderWith<'management'>>): void;
