import type { TestContext } from 'node:test';
import { type Provider } from '../../src/index.js';
export declare const STORE_KINDS: readonly ["sqlite", "postgres"];
export type StoreKind = (typeof STORE_KINDS)[number];
export interface TestStore {
    readonly kind: StoreKind;
    /** `sqlite:<file>` or the PostgreSQL server's url (with `schema`). */
    readonly url: string;
    readonly schema?: string;
    open(): Promise<Provider>;
}
export declare function testStore(t: TestContext, kind: StoreKind): Promise<TestStore>;
