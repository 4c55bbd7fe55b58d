import { type RuntimeOptions } from '../src/index.js';
import * as w from './workloads.js';
export interface FloorRow {
    readonly workload: string;
    readonly orchestrations: number;
    readonly oursPerSecond: number;
    readonly floorPerSecond: number;
    readonly oursOverFloor: number;
    readonly statementsPerOrchestration: number;
    readonly commitsPerOrchestration: number;
    readonly diverged: number;
    /** PostgreSQL: the same replay with porsager's `postgres` driver. */
    readonly postgresDriverFloorPerSecond?: number;
}
type Run = (env: w.BenchEnv) => Promise<w.WorkloadResult>;
export declare function floorWorkloads(z: w.Sizes): [string, Run][];
export declare function sqliteFloor(runs: [string, Run][], runtimeOptions: RuntimeOptions): Promise<FloorRow[]>;
export declare function postgresFloor(url: string, runs: [string, Run][], runtimeOptions: RuntimeOptions): Promise<FloorRow[]>;
export declare function floorTable(rows: readonly FloorRow[]): string;
export {};
