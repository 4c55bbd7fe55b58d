import { type TestContext } from 'node:test';
import { type Provider } from '../../src/index.js';
/** Opens another provider on the same store; the caller closes it. */
export type OpenProvider = (t: TestContext) => Promise<Provider>;
export declare function registerReplayCheckCases(open: OpenProvider): void;
