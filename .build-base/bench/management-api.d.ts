import { type BenchEnv, type Sizes, type WorkloadResult } from './workloads.js';
export declare function apiQuery(env: BenchEnv, z: Sizes): Promise<WorkloadResult>;
