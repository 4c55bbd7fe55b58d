/**
 * Input schemas at the door of an execution: before the code of a new execution (a start, a
 * sub-orchestration, a continue-as-new) runs, its input is validated against the input schema
 * its version was registered with. A rejected input fails the execution with `INPUT_REJECTED`
 * and no code runs. Only new executions are checked: a replay never re-validates, so a schema
 * changed later cannot break an execution that already started (docs/versioning.md
 * "Input schemas").
 * @module
 */
import { ConfigurationError, ERROR_CODES } from '../core/errors/duroxide-error.js';
import { decodeJson } from '../core/json/json-codec.js';
import { describeIssues, schemaIssues, } from '../core/schema/standard-schema.js';
/** Stored input text as the code would receive it (raw text when it is not JSON). */
function decodeStoredInput(text) {
    try {
        return decodeJson(text);
    }
    catch {
        return text;
    }
}
/** Issues of `inputText` under `schema` (empty when accepted). */
export function inputIssues(schema, inputText) {
    return schemaIssues(schema, decodeStoredInput(inputText));
}
/**
 * The handler a new execution runs: the registered one when its version has no input schema or
 * the schema accepts the input; otherwise one that fails the execution at once with a
 * configuration error (`INPUT_REJECTED`) naming the instance, the version and every issue.
 */
export async function gateInput(registry, handler, instanceId, executionId, start) {
    const schema = registry.inputSchema(start.name, start.version);
    if (schema === undefined)
        return handler;
    const issues = await inputIssues(schema, start.input);
    if (issues.length === 0)
        return handler;
    const error = inputRejectedError(instanceId, executionId, start.name, start.version, issues);
    return () => {
        throw error;
    };
}
function inputRejectedError(instanceId, executionId, name, version, issues) {
    const how = executionId > 1
        ? 'the input a continue-as-new passed into this version'
        : 'the input this execution was started with';
    const remedy = executionId > 1
        ? `make ${name}@${version}'s inputSchema accept the state earlier versions pass to continueAsNew (or migrate it first), then restart the instance`
        : 'start it with an input the schema accepts, or register a version whose schema accepts this input';
    return new ConfigurationError(ERROR_CODES.INPUT_REJECTED, `instance '${instanceId}' execution ${executionId}: the input schema of ${name}@${version} rejected ${how}, so no orchestration code ran: ${describeIssues(issues)}. To fix: ${remedy}`, { instanceId, executionId, orchestrationName: name, orchestrationVersion: version });
}
//# sourceMappingURL=input-gate.js.map