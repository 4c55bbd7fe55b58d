/**
 * Result parsing of the `*Typed` scheduling methods (duroxide-node's typed family): results are
 * JS values already, and a result that is itself JSON text (an activity that returned
 * `JSON.stringify(x)`) is parsed once more, as duroxide-node does.
 * @module
 */
/** `text` parsed when it is a string holding JSON; any other value unchanged. */
export declare function parseJsonText(value: unknown): unknown;
/** `ctx.allTyped`: each `{ ok }` / `{ err }` element parsed. */
export declare function parseAllResults(value: unknown): unknown;
/** `ctx.raceTyped`: the winner's value parsed. */
export declare function parseRaceResult(value: unknown): unknown;
