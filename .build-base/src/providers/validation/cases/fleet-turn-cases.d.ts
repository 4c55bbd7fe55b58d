import type { ProviderWith } from '../../provider.js';
import type { ConformanceHarness } from '../conformance-fixtures.js';
export declare function registerFleetTurnCases(h: ConformanceHarness<ProviderWith<'fleet'>>): void;
