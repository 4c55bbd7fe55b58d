import type { ProviderWith } from '../../provider.js';
import type { ConformanceHarness } from '../conformance-fixtures.js';
export declare function registerDeletionCases(h: ConformanceHarness<ProviderWith<'management'>>): void;
