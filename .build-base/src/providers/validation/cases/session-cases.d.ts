import type { ProviderWith } from '../../provider.js';
import type { ConformanceHarness } from '../conformance-fixtures.js';
export declare function registerSessionCases(h: ConformanceHarness<ProviderWith<'sessions'>>): void;
