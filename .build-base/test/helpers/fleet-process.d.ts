import { Runtime } from '../../src/index.js';
export interface MonitorStateV1 {
    readonly target: string;
    readonly ticks: number;
}
export interface MonitorStateV2 {
    readonly targets: readonly string[];
    readonly ticks: number;
}
/** One line of the side-effect log: an execution of Monitor ran `version`. */
export interface FleetEffect {
    readonly proc: string;
    readonly instanceId: string;
    readonly version: string;
    readonly ticks: number;
    /** Epoch ms when the execution first ran. */
    readonly at: number;
}
/**
 * Monitor: probes its target(s), waits 20 ms and continues as new, until the file
 * `DUROXIDE_FP_STOP` exists (read by the Probe activity, so the orchestration stays
 * deterministic). Its output names the version of its last execution.
 */
export declare function registerMonitor(rt: Runtime, role: string, record: (e: Omit<FleetEffect, 'proc' | 'at'>) => void): void;
