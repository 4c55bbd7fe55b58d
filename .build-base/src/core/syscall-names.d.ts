/**
 * Reserved activity names of the deterministic helpers. User activities may not
 * use the prefix.
 * @module
 */
export declare const SYSCALL_PREFIX = "__duroxide_syscall:";
/** `ctx.utcNow()`: recorded like an activity, completed inline by the engine. */
export declare const SYSCALL_UTC_NOW = "__duroxide_syscall:utc_now_ms";
/** `ctx.newGuid()`: recorded like an activity, completed inline by the engine. */
export declare const SYSCALL_NEW_GUID = "__duroxide_syscall:new_guid";
/** `ctx.getValueFromInstance()`: a built-in activity run by the worker. */
export declare const SYSCALL_GET_KV_VALUE = "__duroxide_syscall:get_kv_value";
