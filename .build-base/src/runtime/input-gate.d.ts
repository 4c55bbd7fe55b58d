import type { ExecutionStart } from '../core/replay/replay-engine.js';
import type { OrchestrationHandler } from '../core/replay/orchestration-handler.js';
import { type SchemaIssue, type StandardSchemaV1 } from '../core/schema/standard-schema.js';
import type { OrchestrationRegistry } from './registry.js';
/** Issues of `inputText` under `schema` (empty when accepted). */
export declare function inputIssues(schema: StandardSchemaV1, inputText: string): Promise<SchemaIssue[]>;
/**
 * The handler a new execution runs: the registered one when its version has no input schema or
 * the schema accepts the input; otherwise one that fails the execution at once with a
 * configuration error (`INPUT_REJECTED`) naming the instance, the version and every issue.
 */
export declare function gateInput(registry: OrchestrationRegistry, handler: OrchestrationHandler, instanceId: string, executionId: number, start: ExecutionStart): Promise<OrchestrationHandler>;
