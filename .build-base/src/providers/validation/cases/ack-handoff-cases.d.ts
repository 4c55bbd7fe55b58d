import type { ProviderWith } from '../../provider.js';
import type { ConformanceHarness } from '../conformance-fixtures.js';
export declare function registerAckHandoffCases(h: ConformanceHarness<ProviderWith<'localActivityHandoff'>>): void;
