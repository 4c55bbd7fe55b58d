import type { ProviderWith } from '../../provider.js';
import type { ConformanceHarness } from '../conformance-fixtures.js';
export declare function registerFleetCases(h: ConformanceHarness<ProviderWith<'fleet'>>): void;
