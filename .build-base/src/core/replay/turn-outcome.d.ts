/**
 * `decideOutcome`: how a turn ends — keep running, complete, fail, continue as new, or be
 * cancelled — from what the code and the incoming messages did.
 * @module
 */
import { type ErrorDetails } from '../errors/error-details.js';
import type { Limits } from '../limits.js';
import type { ExecutionHistory } from './execution-history.js';
import type { ExecutionScope } from './execution-scope.js';
import type { CodeState } from './orchestration-run.js';
export type TurnOutcome = {
    readonly kind: 'continue';
} | {
    readonly kind: 'completed';
    readonly output: string;
} | {
    readonly kind: 'failed';
    readonly details: ErrorDetails;
} | {
    readonly kind: 'continuedAsNew';
    readonly input: string;
    readonly version: string | undefined;
} | {
    readonly kind: 'cancelled';
    readonly reason: string;
};
/** What `ctx.continueAsNew` asked for. */
export interface ContinueAsNewRequest {
    readonly input: string;
    readonly version: string | undefined;
}
/**
 * In order of precedence: a failure, a cancel request, continue-as-new, then the code's own
 * result. A running execution whose history grew past `maxHistoryEvents` (0 = no limit) fails,
 * and so does one whose output is not JSON or is larger than `maxPayloadBytes`.
 */
export declare function decideOutcome(scope: ExecutionScope, history: ExecutionHistory, continueAsNew: ContinueAsNewRequest | undefined, code: CodeState, limits: Pick<Limits, 'maxHistoryEvents' | 'maxPayloadBytes'>): TurnOutcome;
