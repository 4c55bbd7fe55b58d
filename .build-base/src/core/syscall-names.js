/**
 * Reserved activity names of the deterministic helpers. User activities may not
 * use the prefix.
 * @module
 */
export const SYSCALL_PREFIX = '__duroxide_syscall:';
/** `ctx.utcNow()`: recorded like an activity, completed inline by the engine. */
export const SYSCALL_UTC_NOW = `${SYSCALL_PREFIX}utc_now_ms`;
/** `ctx.newGuid()`: recorded like an activity, completed inline by the engine. */
export const SYSCALL_NEW_GUID = `${SYSCALL_PREFIX}new_guid`;
/** `ctx.getValueFromInstance()`: a built-in activity run by the worker. */
export const SYSCALL_GET_KV_VALUE = `${SYSCALL_PREFIX}get_kv_value`;
//# sourceMappingURL=syscall-names.js.map