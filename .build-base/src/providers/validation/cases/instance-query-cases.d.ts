import type { ProviderWith } from '../../provider.js';
import type { ConformanceHarness } from '../conformance-fixtures.js';
export declare function registerInstanceQueryCases(h: ConformanceHarness<ProviderWith<'management'>>): void;
