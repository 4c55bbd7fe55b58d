/**
 * Benchmark workloads. Each runs against a fresh provider with its own runtime and client and
 * returns raw figures; bench/run.ts formats them.
 */
import { type Provider, type RuntimeOptions } from '../src/index.js';
export interface Sizes {
    readonly instances: number;
    readonly chainInstances: number;
    readonly fanout10Instances: number;
    readonly fanout100Instances: number;
    readonly timerInstances: number;
    readonly eventInstances: number;
    readonly sequential: number;
    readonly longHistory: number;
    readonly idleInstances: number;
    readonly inFlight: number;
    /** Instances behind the management API in the `api-query` workload (bench/management-api.ts). */
    readonly apiInstances: number;
}
export declare const QUICK: Sizes;
export declare const FULL: Sizes;
export declare const SMOKE: Sizes;
export interface WorkloadResult {
    readonly workload: string;
    readonly orchestrations: number;
    readonly activities: number;
    readonly seconds: number;
    readonly latenciesMs: number[];
    readonly cpuSeconds: number;
    readonly peakRssMb: number;
    /** Workload-specific figures (timer overshoot, first/last per-turn cost, …). */
    readonly extra: Record<string, number | string>;
}
export interface BenchEnv {
    /** A fresh, empty provider for one workload. */
    readonly createProvider: () => Promise<Provider>;
    readonly runtimeOptions: RuntimeOptions;
    /** Called right before and after the measured part of a throughput workload (floor capture). */
    readonly onMeasure?: (phase: 'start' | 'end') => void;
    /** CPU seconds the database server has used so far (a local PostgreSQL), if known. */
    readonly serverCpuSeconds?: () => number;
}
export declare function hello(env: BenchEnv, z: Sizes): Promise<WorkloadResult>;
export declare function chain(env: BenchEnv, z: Sizes, steps: number): Promise<WorkloadResult>;
export declare function fanout(env: BenchEnv, z: Sizes, width: number): Promise<WorkloadResult>;
export declare function timer(env: BenchEnv, z: Sizes): Promise<WorkloadResult>;
/** Raise → resume latency: instances wait on an event; each raise is timed to completion. */
export declare function event(env: BenchEnv, z: Sizes): Promise<WorkloadResult>;
/** One instance at a time: the latency of a single hello orchestration. */
export declare function sequential(env: BenchEnv, z: Sizes): Promise<WorkloadResult>;
/** One chain3 at a time: the latency figure compared with the peer. */
export declare function sequentialChain3(env: BenchEnv, z: Sizes): Promise<WorkloadResult>;
/** One orchestration of N sequential activities: per-turn cost at the start vs the end. */
export declare function longHistory(env: BenchEnv, z: Sizes): Promise<WorkloadResult>;
/** Many instances parked on an event: memory, then wake a sample and check they replay correctly. */
export declare function idle(env: BenchEnv, z: Sizes): Promise<WorkloadResult>;
export declare function pct(sorted: readonly number[], p: number): number;
export declare function round(x: number): number;
