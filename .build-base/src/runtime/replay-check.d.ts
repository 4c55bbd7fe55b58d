import { type SchemaIssue } from '../core/schema/standard-schema.js';
import type { Provider } from '../providers/provider.js';
import { type EngineEnvironment } from './engine-factory.js';
import type { OrchestrationRegistry } from './registry.js';
export interface ReplayCheckOptions {
    /** Instances to check; default: every instance whose current execution is running. */
    readonly instanceIds?: readonly string[];
    /** Most instances to check when `instanceIds` is not given. Default 1,000. */
    readonly limit?: number;
}
/**
 * - `ok`: the current execution replays cleanly on this code.
 * - `diverged`: the code no longer matches the history (deploying it would fail the instance).
 * - `unregistered`: this process has no code for the execution's name@version.
 * - `skipped`: nothing to replay (the instance finished, or is between two executions).
 * - `error`: the check itself could not run (missing instance, unreadable history, the code
 *   awaited something that is not a durable task).
 */
export type ReplayCheckOutcome = 'ok' | 'diverged' | 'unregistered' | 'skipped' | 'error';
export interface ReplayCheckResult {
    readonly instanceId: string;
    readonly executionId?: number;
    readonly orchestrationName?: string;
    readonly orchestrationVersion?: string;
    readonly outcome: ReplayCheckOutcome;
    /** "replays cleanly", or "diverges at event 7: history has activity 'A', code did timer". */
    readonly message: string;
    readonly eventId?: number;
    /** What history recorded at `eventId`. */
    readonly expected?: string;
    /** What the code did there. */
    readonly actual?: string;
}
/**
 * A running instance whose current input (the input of its current execution's
 * `OrchestrationStarted`, i.e. the state it carries) the input schema of the version it would
 * move to at its next continue-as-new rejects: deploying as is would fail it at that
 * continue-as-new with `INPUT_REJECTED`.
 */
export interface ReplayCheckInputRejection {
    readonly instanceId: string;
    readonly executionId: number;
    readonly orchestrationName: string;
    /** Version of the current execution. */
    readonly fromVersion: string;
    /** Version the next continue-as-new would run. */
    readonly toVersion: string;
    readonly issues: readonly SchemaIssue[];
    /** "its input is rejected by Flow@2.0.0's input schema: count: Expected number, received string". */
    readonly message: string;
}
export interface ReplayCheckReport {
    readonly checked: number;
    readonly ok: number;
    readonly diverged: number;
    readonly unregistered: number;
    readonly skipped: number;
    readonly errors: number;
    readonly results: readonly ReplayCheckResult[];
    /** How many instances are in `inputRejections`. */
    readonly inputRejected: number;
    readonly inputRejections: readonly ReplayCheckInputRejection[];
}
/**
 * The version a running execution of `name`@`currentVersion` (instance `instanceId`) would move
 * to at its next continue-as-new, or undefined when none is known here.
 */
export type UpgradeTarget = (name: string, currentVersion: string, instanceId: string) => Promise<string | undefined> | string | undefined;
/** The highest version of the name registered on this runtime, if not below the current one. */
export declare function highestRegisteredTarget(registry: OrchestrationRegistry): UpgradeTarget;
export declare function checkReplay(provider: Provider, env: EngineEnvironment, options?: ReplayCheckOptions, upgradeTarget?: UpgradeTarget): Promise<ReplayCheckReport>;
