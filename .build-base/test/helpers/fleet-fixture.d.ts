import type { TestContext } from 'node:test';
import { Client, type Provider, type RuntimeOptions } from '../../src/index.js';
import { RuntimeChild } from './process-harness.js';
import type { FleetEffect } from './fleet-process.js';
export type StoreKind = 'sqlite' | 'postgres';
export declare class FleetFixture {
    #private;
    readonly dir: string;
    /** Created by the test to make every Monitor finish at its next probe. */
    readonly stopFile: string;
    readonly children: RuntimeChild[];
    private constructor();
    static create(t: TestContext, kind: StoreKind): Promise<FleetFixture>;
    provider(): Promise<Provider>;
    client(): Promise<Client>;
    /**
     * Forks a runtime of `role` ('old' = Monitor 1.0.0, 'new' = 1.0.0 + 2.0.0) and waits until it
     * is ready. Nodes leave the registry when stopped gracefully, so the tests need no short
     * liveness window: a 2 s heartbeat (6 s of grace) keeps a node that a loaded machine stalls
     * for a while from being counted as gone.
     */
    spawn(name: string, role: 'old' | 'new', runtimeOptions?: RuntimeOptions): Promise<RuntimeChild>;
    /** Every Monitor execution any child ran, in log order per child. */
    effects(): FleetEffect[];
}
