import type { OrchestrationHandler } from '../core/replay/orchestration-handler.js';
import type { NodeVersions, StoredVersionPolicy } from '../core/versioning/version-policy.js';
import { type StandardSchemaV1 } from '../core/schema/standard-schema.js';
import type { ActivityContext } from './activity-context.js';
/** An activity: async function of its input; may do any I/O. */
export type ActivityHandler<I = unknown, O = unknown> = (ctx: ActivityContext, input: I) => Promise<O> | O;
/** Which version new executions of a name run. */
export type VersionPolicy = 'latest' | {
    readonly exact: string;
};
/** Options of one orchestration registration. */
export interface OrchestrationRegistrationOptions {
    /**
     * Standard Schema (zod, valibot, arktype, …) of the input. Every new execution of this
     * version — a start, a sub-orchestration, a continue-as-new — is validated before its code
     * runs; a rejected input fails the execution with `INPUT_REJECTED`. The code receives the
     * stored input unchanged (transforms and defaults are not applied), so replay never depends
     * on the schema. See docs/versioning.md "Input schemas".
     */
    readonly inputSchema?: StandardSchemaV1 | undefined;
}
export declare class OrchestrationRegistry {
    #private;
    register(name: string, version: string, handler: OrchestrationHandler, options?: OrchestrationRegistrationOptions): void;
    setPolicy(name: string, policy: VersionPolicy): void;
    policy(name: string): VersionPolicy;
    /** The in-code policy of a name as a stored-policy shape; undefined when none was set. */
    defaultPolicy(name: string): StoredVersionPolicy | undefined;
    /** This node's part in fleet version resolution for `name`. */
    versionsOf(name: string): NodeVersions | undefined;
    /** The version a new execution gets under the name's policy, if registered here. */
    resolveVersion(name: string): string | undefined;
    /** Handler for exactly `version` (semver equality), if registered here. */
    get(name: string, version: string): OrchestrationHandler | undefined;
    /** Input schema of exactly `version`, if it was registered with one. */
    inputSchema(name: string, version: string): StandardSchemaV1 | undefined;
    has(name: string): boolean;
    listNames(): string[];
    /** Registered versions of `name`, ascending. */
    listVersions(name: string): string[];
}
export declare class ActivityRegistry {
    #private;
    register(name: string, handler: ActivityHandler): void;
    get(name: string): ActivityHandler | undefined;
    listNames(): string[];
}
