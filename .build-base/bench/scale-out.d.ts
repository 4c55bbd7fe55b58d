import * as w from './workloads.js';
export interface ScaleOutRow {
    readonly processes: number;
    readonly orchestrations: number;
    readonly orchestrationsPerSecond: number;
    readonly p50Ms: number;
    /** Server CPU ms per orchestration; NaN when the server is not local. */
    readonly serverCpuMsPerOrchestration: number;
    readonly runtimeCpuMsPerOrchestration: number;
    readonly clientCpuMsPerOrchestration: number;
}
/** CPU seconds of a process, its children and their reaped children (Linux /proc). */
export declare function processTreeCpu(pid: number): number;
/** The postmaster's pid, when the server runs on this machine (the parent of our backend). */
export declare function postmasterPid(url: string): Promise<number | undefined>;
export declare function scaleOut(url: string, z: w.Sizes): Promise<ScaleOutRow[]>;
export declare function scaleOutTable(rows: readonly ScaleOutRow[]): string;
