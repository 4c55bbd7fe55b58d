import type { WorkItem } from '../history/work-item.js';
import type { ExecutionHistory } from './execution-history.js';
import type { ExecutionScope } from './execution-scope.js';
/**
 * Appends the history event for `m`, or drops it. A failure that is not the application's
 * (infrastructure, configuration, poison) fails the execution.
 */
export declare function stageMessage(m: WorkItem, history: ExecutionHistory, scope: ExecutionScope): void;
